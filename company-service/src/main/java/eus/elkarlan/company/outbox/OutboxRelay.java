package eus.elkarlan.company.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.company.CompanyDocument;

/**
 * Relays the pending messages of company documents to Kafka, in order, one document at a time:
 * send, wait for the acknowledgement, then {@code $pull} the message by id. A failure leaves the
 * message (and those after it, to keep the order) for the next round; a crash between the send
 * and the pull resends the same {@code ce_id}, which consumers skip. An erased company's stub is
 * removed once its {@code deleted} message and tombstone are out.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    static final String LEASE = "relayLeaseUntil";

    private final MongoTemplate mongo;
    private final OutboxSender sender;
    private final OutboxProperties properties;

    public OutboxRelay(MongoTemplate mongo, OutboxSender sender, OutboxProperties properties) {
        this.mongo = mongo;
        this.sender = sender;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${elkarlan.company.outbox.poll-interval-ms:200}")
    public void relay() {
        Query pending = query(new Criteria("pendingMessages").elemMatch(where("id").exists(true))).limit(properties.batchSize());
        List<CompanyDocument> documents;
        try {
            documents = mongo.find(pending, CompanyDocument.class);
        }
        catch (RuntimeException ex) {
            log.warn("outbox: cannot read pending messages: {}", ex.toString());
            return;
        }
        for (CompanyDocument document : documents) {
            relay(document);
        }
    }

    private void relay(CompanyDocument candidate) {
        // a lease, so that two instances never relay the same document at once (order, no duplicates)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plus(properties.lease());
        CompanyDocument document = mongo.findAndModify(
                query(where("_id").is(candidate.id()).orOperator(where(LEASE).exists(false), where(LEASE).lt(now))),
                new Update().set(LEASE, until), FindAndModifyOptions.options().returnNew(true), CompanyDocument.class);
        if (document == null) {
            return; // another instance holds it
        }
        try {
            relayLeased(document);
        }
        finally {
            mongo.updateFirst(query(where("_id").is(document.id()).and(LEASE).is(until)), new Update().unset(LEASE),
                    CompanyDocument.class);
        }
    }

    private void relayLeased(CompanyDocument document) {
        CompanyDocument latest = document;
        for (PendingMessage message : document.pendingMessages()) {
            try {
                sender.send(message);
            }
            catch (Exception ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("outbox: send of {} for {} failed, will retry: {}", message.id(), message.key(), ex.toString());
                return;
            }
            latest = mongo.findAndModify(query(where("_id").is(document.id())),
                    new Update().pull("pendingMessages", query(where("id").is(message.id())).getQueryObject()),
                    FindAndModifyOptions.options().returnNew(true), CompanyDocument.class);
            if (latest == null) {
                return;
            }
        }
        if (latest.erased() && latest.pendingMessages().isEmpty()) {
            mongo.remove(query(where("_id").is(document.id()).and("erased").is(true)), CompanyDocument.class);
        }
    }
}
