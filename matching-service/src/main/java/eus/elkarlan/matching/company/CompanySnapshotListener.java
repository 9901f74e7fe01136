package eus.elkarlan.matching.company;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;

/**
 * Consumes {@code elkarlan.companies} (group {@code matching-service}): snapshots feed the read
 * model, {@code deleted} and tombstones erase. Dispatches on {@code ce_type}.
 */
@Component
class CompanySnapshotListener {

    private final CompanyReadModel readModel;

    CompanySnapshotListener(CompanyReadModel readModel) {
        this.readModel = readModel;
    }

    @KafkaListener(id = "matching-companies", topics = Topics.COMPANIES)
    void on(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            // a tombstone follows `deleted`: erasing again is harmless and covers a lost `deleted`
            if (record.key() != null && !record.key().isBlank()) {
                readModel.erase(record.key());
            }
            return;
        }
        if (record.key() != null && !record.key().equals(envelope.subject())) {
            throw new InvalidMessageException("record key " + record.key() + " does not match " + envelope.subject());
        }
        switch (envelope.type()) {
            case COMPANY_REGISTERED -> readModel.apply(((CompanyRegistered) envelope.data()).company());
            case COMPANY_UPDATED -> readModel.apply(((CompanyUpdated) envelope.data()).company());
            case COMPANY_DELETED -> readModel.erase(((CompanyDeleted) envelope.data()).companyId());
            default -> throw new InvalidMessageException("unexpected " + envelope.type().ceType() + " on " + record.topic());
        }
    }
}
