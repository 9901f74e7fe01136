package eus.elkarlan.notification.webhook;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's webhook subscription.
 *
 * @param ownerSubject        the subject of the partner client that created it
 * @param types               the {@code ce_type}s it receives
 * @param secret              HMAC key of its signatures, shown once, at creation
 * @param consecutiveFailures failed relay passes since the last success
 */
@Document("webhook_subscriptions")
record Subscription(@Id String id, String ownerSubject, String url, String description, Set<String> types,
        String secret, Status status, int consecutiveFailures, Instant createdAt, Instant pausedAt) {

    enum Status {
        ACTIVE, PAUSED
    }
}
