package eus.elkarlan.company.company;

import java.util.List;
import java.util.Map;

/**
 * A validated, normalized company profile, as stored.
 *
 * @param naceVersion {@code NACE_REV2} (default) or {@code NACE_REV2_1}
 */
public record Profile(String legalName, LegalId legalId, String territory, String region, String country,
        String city, String postalCode, String website, String sizeBand, String naceCode, String naceVersion,
        List<String> languages, Map<String, String> description, List<Item> offers, List<Item> needs,
        Boolean womenLed, boolean publicProfile, Contact contact) {

    public record LegalId(String scheme, String value) {
        /** The unique key of the identifier, e.g. {@code ES_NIF:B20123451}. */
        public String key() {
            return scheme + ":" + value;
        }
    }

    /**
     * An offer or a need.
     *
     * @param conceptsDerived whether the service derived the concepts from the texts
     */
    public record Item(String id, String title, String description, String lang, List<String> concepts,
            boolean conceptsDerived, List<String> cooperation) {
    }

    public record Contact(String name, String email, String phone) {
    }
}
