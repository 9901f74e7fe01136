package eus.elkarlan.event.company;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service knows of a company, fed from {@code elkarlan.companies}: enough to check that
 * a participant exists, who may act for it, and to name it in agendas. A deleted company keeps a
 * marker (no personal data) so that a late, older snapshot cannot bring it back.
 */
@Document("companies")
public record KnownCompany(@Id String id, String ownerSubject, String legalName, String country,
        String territory, long version, boolean deleted) {

    public boolean active() {
        return !deleted;
    }
}
