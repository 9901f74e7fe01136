package eus.elkarlan.company.company;

import java.util.List;
import java.util.Optional;

/** The seven territories of the Basque Country, with their region, country and postal prefix. */
public enum Territory {
    LAPURDI("IPARRALDE", "FR", "64"),
    BAXENABARRE("IPARRALDE", "FR", "64"),
    ZUBEROA("IPARRALDE", "FR", "64"),
    GIPUZKOA("HEGOALDE", "ES", "20"),
    BIZKAIA("HEGOALDE", "ES", "48"),
    ARABA("HEGOALDE", "ES", "01"),
    NAFARROA("HEGOALDE", "ES", "31");

    private final String region;
    private final String country;
    private final String postalPrefix;

    Territory(String region, String country, String postalPrefix) {
        this.region = region;
        this.country = country;
        this.postalPrefix = postalPrefix;
    }

    public String region() {
        return region;
    }

    public String country() {
        return country;
    }

    public String postalPrefix() {
        return postalPrefix;
    }

    public static Optional<Territory> of(String name) {
        for (Territory t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Enum::name).toList();
    }
}
