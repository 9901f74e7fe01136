package eus.elkarlan.matching.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eus.elkarlan.contracts.MessageJson;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyDraft;
import eus.elkarlan.matching.match.MatchFinder;
import eus.elkarlan.matching.match.MatchScorer;
import eus.elkarlan.matching.match.MatchingProperties;
import eus.elkarlan.matching.match.PairScore;
import eus.elkarlan.matching.text.TextAnalysis;

/**
 * The labelled quality set ({@code quality/labelled-companies.json}): fictional companies with the
 * partners judged good by hand, and the figures computed on it.
 */
public final class LabelledSet {

    static final String RESOURCE = "/quality/labelled-companies.json";

    record Item(String title, String description, String lang, List<String> concepts) {
    }

    record Company(String id, String name, String territory, List<String> languages, String sizeBand, String naceCode,
            Boolean womenLed, List<Item> offers, List<Item> needs, List<String> expected) {
    }

    record Data(String description, List<Company> companies) {
    }

    /**
     * @param precisionAt5       mean over labelled companies of |top-5 ∩ expected| / min(5, |expected|)
     * @param crossLingualFound  share of the expected pairs whose offer and need are written in different
     *                           languages that appear in the company's top-5
     * @param crossBorderFound   the same for expected pairs across the border
     */
    public record Figures(int companies, int labelled, double precisionAt5, int crossLingualPairs, double crossLingualFound,
            int crossBorderPairs, double crossBorderFound) {
    }

    private LabelledSet() {
    }

    static List<Company> load() {
        try (InputStream in = LabelledSet.class.getResourceAsStream(RESOURCE)) {
            return MessageJson.mapper().readValue(in, Data.class).companies();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static CompanySnapshot snapshot(Company c) {
        return snapshot(c, true);
    }

    static CompanySnapshot snapshot(Company c, boolean withConcepts) {
        String region = Set.of("LAPURDI", "BAXENABARRE", "ZUBEROA").contains(c.territory()) ? "IPARRALDE" : "HEGOALDE";
        return new CompanySnapshot(c.id(), "owner-" + c.id(), c.name(), new CompanySnapshot.LegalId("ES_NIF", "X"),
                c.territory(), region, region.equals("IPARRALDE") ? "FR" : "ES", "City", "00000", null, c.sizeBand(),
                c.naceCode(), c.languages(), Map.of(), items(c.offers(), withConcepts), items(c.needs(), withConcepts),
                c.womenLed(), true,
                new CompanySnapshot.Contact(null, c.id() + "@example.org", null), 1, Instant.EPOCH);
    }

    private static List<CompanySnapshot.Item> items(List<Item> items, boolean withConcepts) {
        List<CompanySnapshot.Item> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            result.add(new CompanySnapshot.Item("i" + i, item.title(), item.description(), item.lang(),
                    withConcepts ? item.concepts() : List.of(), List.of()));
        }
        return result;
    }

    /** Scores the labelled set with the given properties. */
    public static Figures evaluate(MatchingProperties properties) {
        return evaluate(properties, true);
    }

    /** With {@code withConcepts} false, the concepts are dropped: the text alone has to find the partners. */
    public static Figures evaluate(MatchingProperties properties, boolean withConcepts) {
        List<Company> companies = load();
        TextAnalysis text = new TextAnalysis();
        CompanyDirectory directory = new CompanyDirectory();
        companies.forEach(c -> directory.upsert(CompanyDraft.of(snapshot(c, withConcepts), text)));
        MatchFinder finder = new MatchFinder(directory, new MatchScorer(properties));
        Map<String, Company> byId = new java.util.HashMap<>();
        companies.forEach(c -> byId.put(c.id(), c));

        double precisionSum = 0;
        int labelled = 0;
        int crossLingual = 0;
        int crossLingualFound = 0;
        int crossBorder = 0;
        int crossBorderFound = 0;
        for (Company c : companies) {
            if (c.expected().isEmpty()) {
                continue;
            }
            labelled++;
            List<PairScore> top = finder.top(c.id(), 5, false).orElseThrow();
            List<String> ids = top.stream().map(p -> p.partner().id()).toList();
            long hits = ids.stream().filter(c.expected()::contains).count();
            precisionSum += (double) hits / Math.min(5, c.expected().size());
            for (String e : c.expected()) {
                Company partner = byId.get(e);
                boolean found = ids.contains(e);
                if (!c.needs().get(0).lang().equals(partner.offers().get(0).lang())) {
                    crossLingual++;
                    crossLingualFound += found ? 1 : 0;
                }
                if (!snapshot(c).region().equals(snapshot(partner).region())) {
                    crossBorder++;
                    crossBorderFound += found ? 1 : 0;
                }
            }
        }
        return new Figures(companies.size(), labelled, precisionSum / labelled, crossLingual,
                (double) crossLingualFound / crossLingual, crossBorder, (double) crossBorderFound / crossBorder);
    }
}
