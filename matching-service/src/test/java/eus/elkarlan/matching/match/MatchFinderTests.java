package eus.elkarlan.matching.match;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import eus.elkarlan.matching.bench.SyntheticPopulation;
import eus.elkarlan.matching.company.CompanyProfile;

/**
 * The ranking skips the exact score of candidates whose upper bound cannot enter the list; these
 * tests compare it with scoring every candidate, on synthetic populations and under settings that
 * change what the bound must cover (siblings, the plain harmonic mean, text only).
 */
class MatchFinderTests {

    @Test
    void theBoundNeverUnderestimatesAScore() {
        for (MatchingProperties properties : settings()) {
            Scoring s = population(properties, 300, 11);
            s.directory.read(() -> {
                ScoreBounds bounds = new ScoreBounds(s.scorer);
                for (CompanyProfile a : s.directory.profilesUnlocked()) {
                    bounds.prepare(s.directory, a);
                    BitSet candidates = s.finder.candidates(a);
                    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                        CompanyProfile b = s.directory.byOrdinal(i);
                        assertThat(bounds.bound(i)).as(a.id() + "→" + b.id())
                                .isGreaterThanOrEqualTo(s.scorer.score(s.directory, a, b) - 1e-12);
                    }
                }
                return null;
            });
        }
    }

    @Test
    void theBoundedRankingListsWhatScoringEveryCandidateLists() {
        for (MatchingProperties properties : settings()) {
            Scoring s = population(properties, 600, 5);
            s.directory.read(() -> {
                int compared = 0;
                for (CompanyProfile a : s.directory.profilesUnlocked()) {
                    for (boolean crossBorderOnly : new boolean[] {false, true}) {
                        List<String> all = bruteForce(s, a, crossBorderOnly, 0.05);
                        for (int limit : new int[] {1, 5, 20}) {
                            List<String> expected = all.subList(0, Math.min(limit, all.size()));
                            List<String> actual = s.finder.rankUnlocked(a, limit, crossBorderOnly, 0.05).stream()
                                    .map(r -> r.partner().id() + "=" + r.score()).toList();
                            assertThat(actual).as(a.id() + " limit " + limit + " crossBorderOnly " + crossBorderOnly)
                                    .isEqualTo(expected);
                            compared += expected.size();
                        }
                    }
                }
                assertThat(compared).as("lists are not empty").isGreaterThan(1000);
                return null;
            });
        }
    }

    @Test
    void theIncrementalPassHandsOverEveryPairThatReachesTheNotificationScore() {
        Scoring s = population(MatchingProperties.defaults(), 800, 8);
        s.directory.read(() -> {
            int reaching = 0;
            for (CompanyProfile a : s.directory.profilesUnlocked()) {
                Set<String> expected = new HashSet<>();
                BitSet candidates = s.finder.candidates(a);
                for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                    CompanyProfile b = s.directory.byOrdinal(i);
                    if (s.scorer.score(s.directory, a, b) >= 0.40) {
                        expected.add(b.id());
                    }
                }
                Set<String> actual = new HashSet<>();
                s.finder.forEachCandidateReachingUnlocked(a, 0.40, (b, score) -> {
                    if (score >= 0.40) {
                        actual.add(b.id());
                    }
                });
                assertThat(actual).as(a.id()).isEqualTo(expected);
                reaching += expected.size();
            }
            assertThat(reaching).as("pairs reach the score").isGreaterThan(100);
            return null;
        });
    }

    /** Every candidate scored, "id=score", best first, ties by id. */
    private static List<String> bruteForce(Scoring s, CompanyProfile a, boolean crossBorderOnly, double minScore) {
        record Scored(String id, double score) {
        }
        List<Scored> all = new ArrayList<>();
        BitSet candidates = s.finder.candidates(a);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompanyProfile b = s.directory.byOrdinal(i);
            if (crossBorderOnly && !a.crossesBorderWith(b)) {
                continue;
            }
            double score = s.scorer.score(s.directory, a, b);
            if (score >= minScore && score > 0) {
                all.add(new Scored(b.id(), score));
            }
        }
        all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
        return all.stream().map(x -> x.id() + "=" + x.score()).toList();
    }

    private static Scoring population(MatchingProperties properties, int n, long seed) {
        Scoring s = new Scoring(properties);
        SyntheticPopulation.generate(n, n / 20, seed).forEach(s::add);
        // parent-only needs, cooperation types, text-only overlaps
        s.add(company("coop-a").needs("en", "Reseller network", List.of("DISTRIBUTOR"), "business")
                .offers("en", "Mobile app", List.of("SUPPLIER"), "software.mobile").build(),
                company("coop-b").in("LAPURDI").offers("en", "Reseller network", List.of("PARTNER"), "business.distribution")
                        .needs("en", "Mobile app", List.of("SUPPLIER"), "software").build(),
                company("text-only").in("LAPURDI").offers("en", "Kubernetes reseller network").needs("en", "Mobile app").build());
        return s;
    }

    private static List<MatchingProperties> settings() {
        MatchingProperties d = MatchingProperties.defaults();
        return List.of(d,
                new MatchingProperties(new MatchingProperties.Concepts(0.5, 2, 0.5, 0.05, 20), d.text(), d.direction(),
                        d.reciprocity(), d.factors(), d.notification(), d.listing()),
                new MatchingProperties(d.concepts(), d.text(), d.direction(), new MatchingProperties.Reciprocity(0),
                        d.factors(), d.notification(), d.listing()),
                new MatchingProperties(d.concepts(), new MatchingProperties.Text(1, 0.05, 50), d.direction(),
                        d.reciprocity(), d.factors(), d.notification(), d.listing()));
    }
}
