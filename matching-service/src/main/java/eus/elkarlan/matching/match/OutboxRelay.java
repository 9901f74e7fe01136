package eus.elkarlan.matching.match;

import java.nio.charset.StandardCharsets;
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

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.MessageJson;
import eus.elkarlan.contracts.MessageType;
import eus.elkarlan.matching.metrics.MatchingMetrics;
import eus.elkarlan.observability.OutboxTracing;

/**
 * Sends the pending {@code match.suggested} messages of the pairs' outboxes, waits for Kafka's
 * acknowledgement, then pulls each sent entry. A crash in between resends with the same ce_id.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Envelope> kafka;
    private final int batch;
    private final OutboxTracing tracing;
    private final MatchingMetrics metrics;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Envelope> kafka, MatchingProperties properties,
            OutboxTracing tracing, MatchingMetrics metrics) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.batch = properties.notification().relayBatch();
        this.tracing = tracing;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${elkarlan.matching.notification.relay-delay}")
    public void relay() {
        Query pending = Query.query(Criteria.where("pendingMessages.0").exists(true)).limit(batch);
        for (MatchPair pair : mongo.find(pending, MatchPair.class)) {
            for (MatchPair.PendingMessage message : pair.pendingMessages()) {
                try {
                    MessageType type = MessageType.ofCeType(message.type());
                    Envelope envelope = new Envelope(message.messageId(), message.source(), message.time(),
                            MessageJson.read(type, message.json().getBytes(StandardCharsets.UTF_8)));
                    tracing.relay(message.traceparent(), envelope.topic(), () -> kafka
                            .send(envelope.topic(), envelope.subject(), envelope).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                    metrics.suggestionPublished();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (Exception ex) {
                    log.warn("outbox relay: {} not sent yet: {}", message.messageId(), ex.toString());
                    return;
                }
                mongo.updateFirst(Query.query(Criteria.where("_id").is(pair.id())),
                        new Update().pull("pendingMessages", new Document("messageId", message.messageId())), MatchPair.class);
            }
        }
    }
}
