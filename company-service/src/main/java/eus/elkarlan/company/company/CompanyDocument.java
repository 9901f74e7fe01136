package eus.elkarlan.company.company;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.company.outbox.PendingMessage;

/**
 * The stored company: its profile, its owner and the messages not yet relayed (the outbox),
 * written together in one document write. {@code legalKey} and {@code ownerKey} carry unique
 * single-field indexes (one company per legal identifier, one per owner). An erased company is a
 * stub with no profile and no personal data, kept only until its pending messages are sent.
 */
@Document("companies")
public record CompanyDocument(@Id String id, String legalKey, String ownerKey, String ownerSubject, Profile profile,
        long version, Instant createdAt, Instant updatedAt, boolean erased, List<PendingMessage> pendingMessages) {

    public CompanyDocument {
        pendingMessages = pendingMessages == null ? List.of() : List.copyOf(pendingMessages);
    }
}
