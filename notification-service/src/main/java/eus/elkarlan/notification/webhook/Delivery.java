package eus.elkarlan.notification.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message to deliver to one subscription, with its log of attempts.
 *
 * @param id        deterministic from the message id and the subscription: the {@code Elkarlan-Webhook-Id}
 * @param messageId the {@code ce_id} of the message
 * @param companyId the company the payload is about, if any (for erasure)
 * @param payload   the exact JSON body that is signed and sent
 */
@Document("webhook_deliveries")
record Delivery(@Id String id, String subscriptionId, String ownerSubject, String messageId, String type,
        String companyId, String payload, Status status, int attempts, Instant nextAttemptAt, Instant createdAt,
        Instant deliveredAt, List<Attempt> log) {

    enum Status {
        PENDING, DELIVERED, FAILED
    }

    /**
     * One call, or one pass refused by the open circuit.
     *
     * @param outcome {@code DELIVERED}, {@code HTTP_ERROR}, {@code ERROR}, {@code TIMEOUT}, {@code CIRCUIT_OPEN}
     */
    record Attempt(Instant at, String outcome, Integer httpStatus, String error, long durationMs) {
    }
}
