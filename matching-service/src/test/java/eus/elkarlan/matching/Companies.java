package eus.elkarlan.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import eus.elkarlan.contracts.company.CompanySnapshot;

/** Builds company snapshots for tests. */
public final class Companies {

    private String id;
    private String owner;
    private String name;
    private String territory = "GIPUZKOA";
    private List<String> languages = List.of("eu", "es");
    private String sizeBand = "SMALL";
    private String nace = "62.01";
    private Boolean womenLed;
    private long version = 1;
    private final List<CompanySnapshot.Item> offers = new ArrayList<>();
    private final List<CompanySnapshot.Item> needs = new ArrayList<>();

    private Companies(String id) {
        this.id = id;
        this.owner = "owner-" + id;
        this.name = "Company " + id;
    }

    public static Companies company(String id) {
        return new Companies(id);
    }

    public Companies owner(String owner) {
        this.owner = owner;
        return this;
    }

    public Companies name(String name) {
        this.name = name;
        return this;
    }

    public Companies in(String territory) {
        this.territory = territory;
        return this;
    }

    public Companies speaks(String... languages) {
        this.languages = List.of(languages);
        return this;
    }

    public Companies size(String sizeBand) {
        this.sizeBand = sizeBand;
        return this;
    }

    public Companies nace(String nace) {
        this.nace = nace;
        return this;
    }

    public Companies womenLed(Boolean womenLed) {
        this.womenLed = womenLed;
        return this;
    }

    public Companies version(long version) {
        this.version = version;
        return this;
    }

    public Companies offers(String lang, String title, String... concepts) {
        offers.add(new CompanySnapshot.Item("o" + offers.size(), title, null, lang, List.of(concepts), List.of()));
        return this;
    }

    public Companies offers(String lang, String title, List<String> cooperation, String... concepts) {
        offers.add(new CompanySnapshot.Item("o" + offers.size(), title, null, lang, List.of(concepts), cooperation));
        return this;
    }

    public Companies needs(String lang, String title, String... concepts) {
        needs.add(new CompanySnapshot.Item("n" + needs.size(), title, null, lang, List.of(concepts), List.of()));
        return this;
    }

    public Companies needs(String lang, String title, List<String> cooperation, String... concepts) {
        needs.add(new CompanySnapshot.Item("n" + needs.size(), title, null, lang, List.of(concepts), cooperation));
        return this;
    }

    public static String regionOf(String territory) {
        return switch (territory) {
            case "LAPURDI", "BAXENABARRE", "ZUBEROA" -> "IPARRALDE";
            default -> "HEGOALDE";
        };
    }

    public CompanySnapshot build() {
        String region = regionOf(territory);
        return new CompanySnapshot(id, owner, name,
                new CompanySnapshot.LegalId(region.equals("IPARRALDE") ? "FR_SIREN" : "ES_NIF", "X" + id.hashCode()),
                territory, region, region.equals("IPARRALDE") ? "FR" : "ES", "City", "00000", null, sizeBand, nace,
                languages, Map.of(), offers, needs, womenLed, true,
                new CompanySnapshot.Contact("Contact", "contact@" + id + ".example", null), version,
                Instant.parse("2026-05-04T10:15:30Z"));
    }
}
