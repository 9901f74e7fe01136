package eus.elkarlan.matching.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import eus.elkarlan.contracts.company.CompanySnapshot;

/**
 * A reproducible synthetic population: 12 concept families × 6 leaves, each company with 3 offers
 * and 3 needs titled in one of the four languages; a share of the companies come in planted pairs
 * whose needs and offers answer each other through concepts held by nobody else.
 */
public final class SyntheticPopulation {

    static final String[] TERRITORIES = {"LAPURDI", "BAXENABARRE", "ZUBEROA", "GIPUZKOA", "BIZKAIA", "ARABA", "NAFARROA"};
    static final String[] LANGS = {"eu", "fr", "es", "en"};
    static final String[] SIZES = {"MICRO", "SMALL", "MEDIUM", "LARGE"};
    static final String[] FAMILIES = {"cybersecurity", "cloud", "data", "ai", "software", "web", "iot", "marketing",
            "business", "training", "telecom", "design"};
    static final Map<String, String[]> FAMILY_WORDS = Map.ofEntries(
            Map.entry("cybersecurity", new String[] {"zibersegurtasuna", "cybersécurité", "ciberseguridad", "cybersecurity"}),
            Map.entry("cloud", new String[] {"hodeia", "nuage", "nube", "cloud"}),
            Map.entry("data", new String[] {"datuak", "données", "datos", "data"}),
            Map.entry("ai", new String[] {"adimena", "intelligence", "inteligencia", "intelligence"}),
            Map.entry("software", new String[] {"softwarea", "logiciel", "software", "software"}),
            Map.entry("web", new String[] {"weba", "web", "web", "web"}),
            Map.entry("iot", new String[] {"sentsoreak", "capteurs", "sensores", "sensors"}),
            Map.entry("marketing", new String[] {"marketina", "marketing", "marketing", "marketing"}),
            Map.entry("business", new String[] {"negozioa", "affaires", "negocio", "business"}),
            Map.entry("training", new String[] {"prestakuntza", "formation", "formación", "training"}),
            Map.entry("telecom", new String[] {"telekomunikazioak", "télécoms", "telecomunicaciones", "telecoms"}),
            Map.entry("design", new String[] {"diseinua", "design", "diseño", "design"}));
    static final String[][] LEAF_WORDS = {
            {"auditoria", "audit", "auditoría", "audit"}, {"garapena", "développement", "desarrollo", "development"},
            {"aholkularitza", "conseil", "consultoría", "consulting"}, {"mantentzea", "maintenance", "mantenimiento", "maintenance"},
            {"integrazioa", "intégration", "integración", "integration"}, {"banaketa", "distribution", "distribución", "distribution"}};

    private SyntheticPopulation() {
    }

    /** {@code n} companies; when {@code plantedPairs} &gt; 0, companies 0..2×plantedPairs−1 form pairs (2k, 2k+1). */
    public static List<CompanySnapshot> generate(int n, int plantedPairs, long seed) {
        Random random = new Random(seed);
        List<CompanySnapshot> companies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            companies.add(company(i, random, plantedPairs, 1));
        }
        return companies;
    }

    static CompanySnapshot company(int i, Random random, int plantedPairs, long version) {
        String territory = TERRITORIES[random.nextInt(TERRITORIES.length)];
        String region = territory.equals("LAPURDI") || territory.equals("BAXENABARRE") || territory.equals("ZUBEROA")
                ? "IPARRALDE" : "HEGOALDE";
        String lang = region.equals("IPARRALDE") ? (random.nextInt(3) == 0 ? "eu" : "fr")
                : LANGS[random.nextInt(3) == 0 ? 0 : 2];
        if (random.nextInt(5) == 0) {
            lang = "en";
        }
        List<String> languages = random.nextBoolean() ? List.of(lang) : List.of(lang, "en");
        List<CompanySnapshot.Item> offers = new ArrayList<>();
        List<CompanySnapshot.Item> needs = new ArrayList<>();
        boolean planted = i < 2 * plantedPairs;
        for (int k = 0; k < 3; k++) {
            offers.add(item("o" + k, random, random.nextBoolean() ? lang : languages.get(languages.size() - 1)));
            needs.add(item("n" + k, random, lang));
        }
        if (planted) {
            int pair = i / 2;
            boolean first = i % 2 == 0;
            // the pair's private concepts: the first needs niche.aN and offers niche.bN, the second the reverse
            needs.set(0, new CompanySnapshot.Item("n0", "Niche " + pair + " " + (first ? "alpha" : "beta"), null, lang,
                    List.of("niche.p" + pair + (first ? "a" : "b")), List.of()));
            offers.set(0, new CompanySnapshot.Item("o0", "Niche " + pair + " " + (first ? "beta" : "alpha"), null, lang,
                    List.of("niche.p" + pair + (first ? "b" : "a")), List.of()));
        }
        return new CompanySnapshot("c" + i, "owner-" + i, "Company " + i, new CompanySnapshot.LegalId("ES_NIF", "X" + i),
                territory, region, region.equals("IPARRALDE") ? "FR" : "ES", "City", "00000", null,
                SIZES[random.nextInt(SIZES.length)], random.nextBoolean() ? "62.01" : "63.11", languages, Map.of(), offers,
                needs, random.nextInt(3) == 0 ? Boolean.TRUE : random.nextBoolean() ? Boolean.FALSE : null, true,
                new CompanySnapshot.Contact(null, "c" + i + "@example.org", null), version, Instant.EPOCH);
    }

    private static CompanySnapshot.Item item(String id, Random random, String lang) {
        int li = List.of(LANGS).indexOf(lang);
        String family = FAMILIES[random.nextInt(FAMILIES.length)];
        int leaf = random.nextInt(LEAF_WORDS.length);
        String concept = family + "." + LEAF_WORDS[leaf][3];
        String title = LEAF_WORDS[leaf][li] + " " + FAMILY_WORDS.get(family)[li];
        List<String> concepts = random.nextInt(4) == 0 ? List.of(concept, family + "." + LEAF_WORDS[random.nextInt(6)][3])
                : List.of(concept);
        return new CompanySnapshot.Item(id, title, null, lang, concepts, List.of());
    }
}
