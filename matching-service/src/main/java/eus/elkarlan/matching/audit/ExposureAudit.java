package eus.elkarlan.matching.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.match.MatchFinder;

/**
 * How the top-N recommendations spread over groups of companies, against the groups' share of the
 * population. For a group g of a dimension (region, territory, size band, working language,
 * women-led):
 * <pre>
 * populationShare(g) = |companies in g| / N
 * exposureShare(g)   = (times a company of g appears in someone's top-N) / (all top-N entries)
 * exposureRatio(g)   = exposureShare(g) / populationShare(g)      (1 = exposed as its size; &lt;1 under-exposed)
 * </pre>
 * A company with several working languages counts in each of them, so the language shares do not
 * add up to 1. Women-led groups are {@code true}, {@code false} and {@code undeclared}.
 */
public class ExposureAudit {

    static final String FORMULA = "exposureRatio(g) = exposureShare(g) / populationShare(g); "
            + "exposureShare(g) = top-N entries naming a company of g / all top-N entries; "
            + "populationShare(g) = companies in g / all companies";

    private static final Map<String, Function<CompanyProfile, List<String>>> DIMENSIONS = dimensions();

    private final MatchFinder finder;
    private final int topN;
    private final double minScore;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Cached cached;

    public ExposureAudit(MatchFinder finder, int topN, double minScore) {
        this(finder, topN, minScore, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * @param maxAge a report is reused while the directory has not changed, or while it is younger than this
     *               (ranking every company is a full recompute: seconds for 10,000 companies)
     */
    public ExposureAudit(MatchFinder finder, int topN, double minScore, Duration maxAge, Clock clock) {
        this.finder = finder;
        this.topN = topN;
        this.minScore = minScore;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public AuditReport report() {
        Cached current = cached;
        long changes = finder.directory().changes();
        Instant now = clock.instant();
        if (current != null && (current.changes == changes || current.at.plus(maxAge).isAfter(now))) {
            return current.report;
        }
        AuditReport report = compute();
        cached = new Cached(changes, now, report);
        return report;
    }

    private record Cached(long changes, Instant at, AuditReport report) {
    }

    private AuditReport compute() {
        return finder.directory().read(() -> {
            List<CompanyProfile> companies = new ArrayList<>(finder.directory().profilesUnlocked());
            Map<String, AtomicLong> appearances = new HashMap<>();
            companies.forEach(c -> appearances.put(c.id(), new AtomicLong()));
            AtomicLong total = new AtomicLong();
            AtomicLong crossBorder = new AtomicLong();
            companies.parallelStream().forEach(company -> {
                for (MatchFinder.Ranked r : finder.rankUnlocked(company, topN, false, minScore)) {
                    appearances.get(r.partner().id()).incrementAndGet();
                    total.incrementAndGet();
                    if (company.crossesBorderWith(r.partner())) {
                        crossBorder.incrementAndGet();
                    }
                }
            });
            Map<String, List<AuditReport.GroupExposure>> dimensions = new LinkedHashMap<>();
            DIMENSIONS.forEach((name, groupsOf) -> dimensions.put(name,
                    groups(companies, groupsOf, appearances, total.get())));
            double crossShare = total.get() == 0 ? 0 : round((double) crossBorder.get() / total.get());
            return new AuditReport(companies.size(), topN, total.get(), crossShare, dimensions, FORMULA);
        });
    }

    private static List<AuditReport.GroupExposure> groups(List<CompanyProfile> companies,
            Function<CompanyProfile, List<String>> groupsOf, Map<String, AtomicLong> appearances, long total) {
        Map<String, long[]> counts = new TreeMap<>(); // group → {companies, appearances}
        for (CompanyProfile c : companies) {
            for (String g : groupsOf.apply(c)) {
                long[] x = counts.computeIfAbsent(g, k -> new long[2]);
                x[0]++;
                x[1] += appearances.get(c.id()).get();
            }
        }
        int n = companies.size();
        List<AuditReport.GroupExposure> result = new ArrayList<>();
        counts.forEach((g, x) -> {
            double populationShare = n == 0 ? 0 : (double) x[0] / n;
            double exposureShare = total == 0 ? 0 : (double) x[1] / total;
            Double ratio = populationShare == 0 || total == 0 ? null : round(exposureShare / populationShare);
            result.add(new AuditReport.GroupExposure(g, x[0], round(populationShare), x[1], round(exposureShare), ratio));
        });
        return result;
    }

    private static Map<String, Function<CompanyProfile, List<String>>> dimensions() {
        Map<String, Function<CompanyProfile, List<String>>> d = new LinkedHashMap<>();
        d.put("region", c -> List.of(c.region()));
        d.put("territory", c -> List.of(c.territory()));
        d.put("sizeBand", c -> List.of(c.sizeBand() == null ? "UNKNOWN" : c.sizeBand()));
        d.put("language", CompanyProfile::languages);
        d.put("womenLed", c -> List.of(c.womenLed() == null ? "undeclared" : c.womenLed().toString()));
        return d;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
