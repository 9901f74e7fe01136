package eus.elkarlan.event.system;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The first answer to a {@code POST} sent with an {@code Idempotency-Key}. {@code _id} is a hash of
 * the caller, the path and the key, so the key is scoped to one caller and one endpoint.
 */
@Document("idempotencyKeys")
record IdempotencyRecord(@Id String id, String requestHash, String state, int status, String contentType,
        String location, String etag, String body, Instant createdAt) {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";
}
