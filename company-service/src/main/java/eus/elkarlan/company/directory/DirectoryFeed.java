package eus.elkarlan.company.directory;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.opendata.MeetingLedger;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.company.CompanyUpdated;

/**
 * Keeps this instance's {@link DirectoryIndex} current. Each instance reads the whole compacted
 * topic from the start with a consumer group of its own, so every instance holds every company.
 * Applying a snapshot is idempotent (an older version never replaces a newer one).
 */
@Component
class DirectoryFeed {

    private static final Logger log = LoggerFactory.getLogger(DirectoryFeed.class);

    private final DirectoryIndex index;
    private final MeetingLedger meetings;

    DirectoryFeed(DirectoryIndex index, MeetingLedger meetings) {
        this.index = index;
        this.meetings = meetings;
    }

    @KafkaListener(id = "directory-feed", topics = Topics.COMPANIES,
            groupId = "${elkarlan.company.directory.group-prefix:company-service-directory}-${random.uuid}",
            properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            return; // tombstone: the deleted message before it did the work
        }
        if (envelope.data() instanceof CompanyRegistered registered) {
            put(registered.company(), record.key());
        }
        else if (envelope.data() instanceof CompanyUpdated updated) {
            put(updated.company(), record.key());
        }
        else if (envelope.data() instanceof CompanyDeleted deleted) {
            index.remove(deleted.companyId());
            meetings.forget(deleted.companyId());
        }
        else {
            log.warn("directory: ignoring {} on {}", envelope.type(), record.topic());
        }
    }

    private void put(CompanySnapshot company, String key) {
        if (!company.companyId().equals(key)) {
            throw new IllegalArgumentException("record key " + key + " is not the company id " + company.companyId());
        }
        index.put(company);
    }
}
