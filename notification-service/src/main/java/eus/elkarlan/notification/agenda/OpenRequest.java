package eus.elkarlan.notification.agenda;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A meeting request not answered yet: what the nudge is built from. Removed once answered. {@code expiresAt} may be null. */
@Document("open_requests")
public record OpenRequest(@Id String requestId, String eventId, String fromCompanyId, String toCompanyId,
        Instant requestedAt, Instant expiresAt, boolean nudged) {
}
