package eus.elkarlan.event.company;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.company.CompanyUpdated;

/**
 * Keeps the company read model. Idempotent by construction: a snapshot is written only when its
 * version is newer than the stored one (a conditional upsert), and a deletion leaves a marker.
 */
@Component
class CompanyListener {

    private static final Logger log = LoggerFactory.getLogger(CompanyListener.class);

    private final MongoTemplate mongo;
    private final org.springframework.context.ApplicationEventPublisher publisher;

    CompanyListener(MongoTemplate mongo, org.springframework.context.ApplicationEventPublisher publisher) {
        this.mongo = mongo;
        this.publisher = publisher;
    }

    @KafkaListener(topics = Topics.COMPANIES)
    void on(ConsumerRecord<String, Envelope> record) {
        Envelope envelope = record.value();
        if (envelope == null) {
            return; // tombstone after an erasure: the deleted message did the work
        }
        if (envelope.data() instanceof CompanyRegistered registered) {
            upsert(registered.company());
        } else if (envelope.data() instanceof CompanyUpdated updated) {
            upsert(updated.company());
        } else if (envelope.data() instanceof CompanyDeleted deleted) {
            delete(deleted.companyId());
        } else {
            log.debug("ignored {}", envelope.type());
        }
    }

    private void upsert(CompanySnapshot snapshot) {
        validate(snapshot);
        Query newerOrAbsent = Query.query(Criteria.where("_id").is(snapshot.companyId()));
        KnownCompany current = mongo.findOne(newerOrAbsent, KnownCompany.class);
        if (current != null && (current.deleted() || current.version() >= snapshot.version())) {
            return;
        }
        Query guarded = Query.query(Criteria.where("_id").is(snapshot.companyId()));
        if (current != null) {
            guarded.addCriteria(Criteria.where("version").is(current.version()).and("deleted").is(false));
        }
        Update update = new Update().set("ownerSubject", snapshot.ownerSubject())
                .set("legalName", snapshot.legalName()).set("country", snapshot.country())
                .set("territory", snapshot.territory()).set("version", snapshot.version()).set("deleted", false);
        if (current == null) {
            mongo.upsert(guarded, update, KnownCompany.class);
        } else {
            mongo.updateFirst(guarded, update, KnownCompany.class);
        }
    }

    private void delete(String companyId) {
        if (companyId == null || companyId.isBlank() || companyId.length() > 100) {
            throw new InvalidMessageException("deleted without a valid companyId");
        }
        Update update = new Update().set("deleted", true).set("ownerSubject", null).set("legalName", null)
                .set("version", Long.MAX_VALUE);
        mongo.upsert(Query.query(Criteria.where("_id").is(companyId)), update, KnownCompany.class);
        // in this thread: a failure is retried with the message, then goes to the dead-letter topic
        publisher.publishEvent(new CompanyErased(companyId));
    }

    private static void validate(CompanySnapshot snapshot) {
        if (snapshot.companyId().isBlank() || snapshot.companyId().length() > 100
                || snapshot.ownerSubject().isBlank() || snapshot.ownerSubject().length() > 200
                || snapshot.legalName().isBlank() || snapshot.legalName().length() > 500 || snapshot.version() < 0) {
            throw new InvalidMessageException("company snapshot out of bounds");
        }
    }
}
