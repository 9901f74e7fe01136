package eus.elkarlan.event.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.observability.OutboxTracing;

/**
 * Sends the messages waiting in the outboxes ({@code pendingMessages} of the documents of the
 * listed collections), in order, waits for Kafka's acknowledgement, then removes each one.
 */
@Component
public class OutboxRelay {

    /** Collections whose documents carry a {@code pendingMessages} outbox. */
    static final List<String> COLLECTIONS = List.of("events", "schedules");

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Envelope> kafka;
    private final OutboxTracing tracing;

    OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Envelope> kafka, OutboxTracing tracing) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.tracing = tracing;
    }

    @Scheduled(fixedDelayString = "${elkarlan.events.outbox-interval:500ms}")
    public void relay() {
        for (String collection : COLLECTIONS) {
            Query pending = Query.query(Criteria.where("pendingMessages.0").exists(true));
            pending.fields().include("pendingMessages");
            for (Document doc : mongo.find(pending, Document.class, collection)) {
                @SuppressWarnings("unchecked")
                List<Document> entries = (List<Document>) doc.get("pendingMessages", List.class);
                for (Document entry : entries) {
                    if (!send(collection, doc.get("_id"), entry)) {
                        break; // keep the order: the rest waits for the next run
                    }
                }
            }
        }
    }

    private boolean send(String collection, Object docId, Document entry) {
        try {
            OutboxEntry outboxEntry = mongo.getConverter().read(OutboxEntry.class, entry);
            Envelope envelope = outboxEntry.toEnvelope();
            tracing.relay(outboxEntry.traceparent(), envelope.topic(),
                    () -> kafka.send(envelope.topic(), envelope.subject(), envelope).get(10, TimeUnit.SECONDS));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(docId)),
                    new Update().pull("pendingMessages", Map.of("messageId", outboxEntry.messageId())), collection);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("outbox relay of {} failed, retried later: {}", entry.get("messageId"), e.toString());
            return false;
        }
    }
}
