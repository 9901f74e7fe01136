package eus.elkarlan.contracts.company;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/** {@code eus.elkarlan.company.updated.v1}: a company changed; the full new snapshot. */
public record CompanyUpdated(CompanySnapshot company) implements ElkarlanMessage {

    public CompanyUpdated {
        required(company, "company");
    }

    @Override
    public String aggregateId() {
        return company.companyId();
    }
}
