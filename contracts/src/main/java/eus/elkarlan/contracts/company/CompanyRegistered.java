package eus.elkarlan.contracts.company;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/** {@code eus.elkarlan.company.registered.v1}: a company was registered; the full snapshot. */
public record CompanyRegistered(CompanySnapshot company) implements ElkarlanMessage {

    public CompanyRegistered {
        required(company, "company");
    }

    @Override
    public String aggregateId() {
        return company.companyId();
    }
}
