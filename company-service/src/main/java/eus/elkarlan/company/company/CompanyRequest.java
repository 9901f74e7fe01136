package eus.elkarlan.company.company;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST} and {@code PUT /api/v1/companies}: an allow-list of what a company may
 * set. Enumerations arrive as strings and are checked by {@link CompanyValidator}, so that an
 * unknown value is reported with its field like any other mistake.
 */
public record CompanyRequest(String legalName, LegalIdRequest legalId, String territory, String city,
        String postalCode, String website, String sizeBand, String naceCode, String naceVersion,
        List<String> languages, Map<String, String> description, List<ItemRequest> offers,
        List<ItemRequest> needs, Boolean womenLed, Boolean publicProfile, ContactRequest contact) {

    public record LegalIdRequest(String scheme, String value) {
    }

    /** An offer or a need; {@code id} keeps an existing item's id on {@code PUT}. */
    public record ItemRequest(String id, String title, String description, String lang, List<String> concepts,
            List<String> cooperation) {
    }

    public record ContactRequest(String name, String email, String phone) {
    }
}
