package eus.elkarlan.company.company;

import eus.elkarlan.contracts.company.CompanySnapshot;

/** The event-carried state of a company, as other services receive it. */
public final class CompanySnapshots {

    private CompanySnapshots() {
    }

    public static CompanySnapshot of(CompanyDocument d) {
        Profile p = d.profile();
        return new CompanySnapshot(d.id(), d.ownerSubject(), p.legalName(),
                new CompanySnapshot.LegalId(p.legalId().scheme(), p.legalId().value()), p.territory(), p.region(),
                p.country(), p.city(), p.postalCode(), p.website(), p.sizeBand(), p.naceCode(), p.languages(),
                p.description(), p.offers().stream().map(CompanySnapshots::item).toList(),
                p.needs().stream().map(CompanySnapshots::item).toList(), p.womenLed(), p.publicProfile(),
                new CompanySnapshot.Contact(p.contact().name(), p.contact().email(), p.contact().phone()), d.version(),
                d.updatedAt());
    }

    private static CompanySnapshot.Item item(Profile.Item i) {
        return new CompanySnapshot.Item(i.id(), i.title(), i.description(), i.lang(), i.concepts(), i.cooperation());
    }
}
