package eus.elkarlan.contracts.company;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.company.deleted.v1}: the company was erased; every service erases
 * everything it keeps about it. Followed on the compacted topic by a tombstone.
 */
public record CompanyDeleted(String companyId, Instant deletedAt) implements ElkarlanMessage {

    public CompanyDeleted {
        required(companyId, "companyId");
    }

    @Override
    public String aggregateId() {
        return companyId;
    }
}
