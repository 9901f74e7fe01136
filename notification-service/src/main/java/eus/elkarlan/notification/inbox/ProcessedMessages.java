package eus.elkarlan.notification.inbox;

import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;

/**
 * The ids of the messages this consumer group has fully processed ({@code _id} = ce_id). A
 * message is remembered last, after all its work is stored; forgotten after the retention.
 */
@Component
class ProcessedMessages {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final NotificationProperties.Consumer config;

    ProcessedMessages(MongoTemplate mongo, Clock clock, NotificationProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.config = properties.consumer();
    }

    boolean seen(String messageId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(messageId)), Processed.class);
    }

    void remember(String messageId, String type) {
        try {
            mongo.insert(new Processed(messageId, type, Instant.now(clock)));
        }
        catch (DuplicateKeyException again) {
            // processed twice concurrently: the work ids made the second a no-op
        }
    }

    @Scheduled(fixedDelayString = "${elkarlan.notification.consumer.cleanup-interval-ms}")
    void forgetOld() {
        mongo.remove(Query.query(Criteria.where("processedAt").lt(Instant.now(clock).minus(config.processedRetention()))),
                Processed.class);
    }

    @Document("processed_messages")
    record Processed(@Id String id, String type, Instant processedAt) {
    }
}
