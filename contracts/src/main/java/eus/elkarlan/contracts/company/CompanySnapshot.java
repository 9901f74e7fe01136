package eus.elkarlan.contracts.company;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything other services need of a company (event-carried state).
 *
 * @param companyId     the company's id
 * @param ownerSubject  the JWT subject of the owner
 * @param legalName     legal name (Unicode)
 * @param legalId       legal identifier
 * @param territory     {@code LAPURDI}, {@code BAXENABARRE}, {@code ZUBEROA}, {@code GIPUZKOA},
 *                      {@code BIZKAIA}, {@code ARABA}, {@code NAFARROA}
 * @param region        {@code IPARRALDE} or {@code HEGOALDE}
 * @param country       {@code FR} or {@code ES}
 * @param sizeBand      {@code MICRO}, {@code SMALL}, {@code MEDIUM}, {@code LARGE}
 * @param naceCode      NACE code, e.g. {@code 62.02}
 * @param languages     working languages in order of preference ({@code eu}, {@code fr}, {@code es}, {@code en})
 * @param description   description by language
 * @param offers        what the company offers
 * @param needs         what the company needs
 * @param womenLed      self-declared, may be {@code null}
 * @param publicProfile whether the company is listed in the public directory
 * @param contact       contact person
 * @param version       version of the profile, growing with every change
 * @param updatedAt     time of the change
 */
public record CompanySnapshot(
        String companyId,
        String ownerSubject,
        String legalName,
        LegalId legalId,
        String territory,
        String region,
        String country,
        String city,
        String postalCode,
        String website,
        String sizeBand,
        String naceCode,
        List<String> languages,
        Map<String, String> description,
        List<Item> offers,
        List<Item> needs,
        Boolean womenLed,
        boolean publicProfile,
        Contact contact,
        long version,
        Instant updatedAt) {

    public CompanySnapshot {
        required(companyId, "companyId");
        required(ownerSubject, "ownerSubject");
        required(legalName, "legalName");
        required(territory, "territory");
        required(region, "region");
        required(country, "country");
        required(contact, "contact");
        languages = List.copyOf(required(languages, "languages"));
        description = description == null ? Map.of() : Map.copyOf(description);
        offers = offers == null ? List.of() : List.copyOf(offers);
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    /** A legal identifier: {@code FR_SIREN}, {@code FR_SIRET} or {@code ES_NIF}. */
    public record LegalId(String scheme, String value) {
        public LegalId {
            required(scheme, "legalId.scheme");
            required(value, "legalId.value");
        }
    }

    /**
     * An offer or a need.
     *
     * @param id          stable id inside the company
     * @param title       short title in {@code lang}
     * @param description longer text in {@code lang}, may be {@code null}
     * @param lang        language of the texts
     * @param concepts    taxonomy concept codes, given or derived
     * @param cooperation cooperation types, e.g. {@code SUPPLIER}, {@code PARTNER}, {@code DISTRIBUTOR}
     */
    public record Item(String id, String title, String description, String lang, List<String> concepts,
            List<String> cooperation) {
        public Item {
            required(title, "title");
            required(lang, "lang");
            concepts = concepts == null ? List.of() : List.copyOf(concepts);
            cooperation = cooperation == null ? List.of() : List.copyOf(cooperation);
        }
    }

    /** The contact person; only {@code email} is required. */
    public record Contact(String name, String email, String phone) {
        public Contact {
            required(email, "contact.email");
        }
    }
}
