package eus.elkarlan.company.opendata;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.directory.DirectoryIndex;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingCancelled;

/**
 * Counts meetings from {@code elkarlan.events} (consumer group {@code company-service}): an
 * accepted meeting crosses the border when its two companies are in different countries.
 */
@Component
class MeetingFeed {

    private final MeetingLedger ledger;
    private final DirectoryIndex index;

    MeetingFeed(MeetingLedger ledger, DirectoryIndex index) {
        this.ledger = ledger;
        this.index = index;
    }

    @KafkaListener(id = "meeting-feed", topics = Topics.EVENTS)
    void on(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            return;
        }
        if (envelope.data() instanceof MeetingAccepted accepted) {
            if (accepted.fromCompanyId().equals(accepted.toCompanyId())) {
                throw new IllegalArgumentException("a meeting needs two companies: " + accepted.meetingId());
            }
            CompanySnapshot from = index.get(accepted.fromCompanyId());
            CompanySnapshot to = index.get(accepted.toCompanyId());
            Boolean crossBorder = from == null || to == null ? null : !from.country().equals(to.country());
            ledger.accepted(accepted.meetingId(), accepted.eventId(), accepted.fromCompanyId(), accepted.toCompanyId(), crossBorder);
        }
        else if (envelope.data() instanceof MeetingCancelled cancelled && cancelled.meetingId() != null) {
            ledger.cancelled(cancelled.meetingId());
        }
    }
}
