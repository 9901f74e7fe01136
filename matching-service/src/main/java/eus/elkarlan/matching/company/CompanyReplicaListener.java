package eus.elkarlan.matching.company;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;

/**
 * Scale-out: every instance reads all of {@code elkarlan.companies} in a consumer group of its own
 * (a random suffix), so that its in-memory directory holds every company, while the shared group
 * {@code matching-service} spreads the scoring, the store writes and the suggestions over the
 * instances by partition. Enabled with {@code elkarlan.matching.replica.enabled=true}. A record
 * this listener cannot use is logged and skipped: the shared group sends it to the dead-letter topic.
 */
@Component
class CompanyReplicaListener {

    private final CompanyReadModel readModel;

    CompanyReplicaListener(CompanyReadModel readModel) {
        this.readModel = readModel;
    }

    @KafkaListener(id = "matching-companies-replica", topics = Topics.COMPANIES,
            groupId = "${elkarlan.matching.replica.group-prefix:matching-service-replica}-${random.uuid}",
            containerFactory = "replicaContainerFactory",
            autoStartup = "${elkarlan.matching.replica.enabled:false}")
    void on(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            if (record.key() != null && !record.key().isBlank()) {
                readModel.eraseFromDirectory(record.key());
            }
            return;
        }
        switch (envelope.type()) {
            case COMPANY_REGISTERED -> readModel.applyToDirectory(((CompanyRegistered) envelope.data()).company());
            case COMPANY_UPDATED -> readModel.applyToDirectory(((CompanyUpdated) envelope.data()).company());
            case COMPANY_DELETED -> readModel.eraseFromDirectory(((CompanyDeleted) envelope.data()).companyId());
            default -> {
                // other types are not for this listener
            }
        }
    }
}
