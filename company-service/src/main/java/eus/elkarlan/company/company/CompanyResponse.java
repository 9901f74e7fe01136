package eus.elkarlan.company.company;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A company as the API shows it (an allow-list). {@code ownerSubject} only for the owner and
 * admins; {@code contact} only for signed-in callers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompanyResponse(String id, String legalName, Profile.LegalId legalId, String territory, String region,
        String country, String city, String postalCode, String website, String sizeBand, String naceCode,
        String naceVersion, List<String> languages, Map<String, String> description, List<Profile.Item> offers,
        List<Profile.Item> needs, Boolean womenLed, boolean publicProfile, Profile.Contact contact,
        String ownerSubject, long version, Instant createdAt, Instant updatedAt) {

    public static CompanyResponse of(CompanyDocument d, Caller caller) {
        Profile p = d.profile();
        boolean manager = caller.mayManage(d);
        return new CompanyResponse(d.id(), p.legalName(), p.legalId(), p.territory(), p.region(), p.country(), p.city(),
                p.postalCode(), p.website(), p.sizeBand(), p.naceCode(), p.naceVersion(), p.languages(), p.description(),
                p.offers(), p.needs(), p.womenLed(), p.publicProfile(), caller.anonymous() ? null : p.contact(),
                manager ? d.ownerSubject() : null, d.version(), d.createdAt(), d.updatedAt());
    }
}
