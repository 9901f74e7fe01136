package eus.elkarlan.matching.match;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import eus.elkarlan.matching.company.CompanyColumns;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyProfile;

/**
 * Ranks a company's partners from the in-memory directory: candidates come from the inverted
 * indexes (a shared concept family or stem in either direction), each is scored, the best are
 * explained. One company against 10,000 takes milliseconds, so lists are computed when read and
 * always reflect the latest snapshots (an erased company is gone from every list at once).
 */
public class MatchFinder {

    /** Slack for rounding when comparing an upper bound with a score. */
    private static final double MARGIN = 1e-9;
    private static final Comparator<Ranked> WORST_FIRST = Comparator.comparingDouble(Ranked::score)
            .thenComparing(r -> r.partner().id(), Comparator.reverseOrder());

    private final CompanyDirectory directory;
    private final MatchScorer scorer;
    /** Scratch accumulators, one per concurrent ranking, reused. */
    private final Deque<ScoreBounds> pool = new ConcurrentLinkedDeque<>();
    private final LongAdder exactlyScored = new LongAdder();
    private final LongConsumer pairsScored;

    public MatchFinder(CompanyDirectory directory, MatchScorer scorer) {
        this(directory, scorer, n -> { });
    }

    /** @param pairsScored told how many pairs each ranking or rescoring has scored exactly (the metric) */
    public MatchFinder(CompanyDirectory directory, MatchScorer scorer, LongConsumer pairsScored) {
        this.directory = directory;
        this.scorer = scorer;
        this.pairsScored = pairsScored;
    }

    public CompanyDirectory directory() {
        return directory;
    }

    public MatchScorer scorer() {
        return scorer;
    }

    /** The best partners of a company, explained, or empty when the company is unknown. */
    public Optional<List<PairScore>> top(String companyId, int limit, boolean crossBorderOnly) {
        double minScore = scorer.properties().listing().minScore();
        return directory.read(() -> {
            CompanyProfile company = directory.byIdUnlocked(companyId);
            if (company == null) {
                return Optional.empty();
            }
            List<Ranked> ranked = rankUnlocked(company, limit, crossBorderOnly, minScore);
            List<PairScore> explained = new ArrayList<>(ranked.size());
            for (Ranked r : ranked) {
                explained.add(scorer.explain(directory, company, r.partner()));
            }
            return Optional.of(explained);
        });
    }

    /**
     * The exact score of every candidate of a company that may reach {@code minScore} (no
     * explanations; candidates whose upper bound is below it are skipped unscored, some scores
     * passed may still be below it); call under the read lock.
     */
    public void forEachCandidateReachingUnlocked(CompanyProfile company, double minScore,
            BiConsumer<CompanyProfile, Double> consumer) {
        ScoreBounds bounds = borrow();
        try {
            bounds.prepare(directory, company);
            long exact = 0;
            for (int k = 0; k < bounds.creditedCount(); k++) {
                int b = bounds.credited(k);
                if (bounds.creditedBothWays(b) && bounds.bound(b) + MARGIN >= minScore) {
                    exact += accept(company, b, consumer);
                }
            }
            if (scorer.oneWayBound() + MARGIN >= minScore) {
                BitSet candidates = candidates(company);
                for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                    if (!bounds.creditedBothWays(i) && bounds.bound(i) + MARGIN >= minScore) {
                        exact += accept(company, i, consumer);
                    }
                }
            }
            exactlyScored.add(exact);
            pairsScored.accept(exact);
        }
        finally {
            pool.push(bounds);
        }
    }

    private int accept(CompanyProfile company, int ordinal, BiConsumer<CompanyProfile, Double> consumer) {
        CompanyProfile partner = directory.byOrdinal(ordinal);
        if (partner == null) {
            return 0;
        }
        consumer.accept(partner, scorer.score(directory, company, partner));
        return 1;
    }

    /**
     * The top {@code limit} partners by score, best first (ties by id); call under the read lock.
     * Every candidate gets a cheap upper bound of its score ({@link ScoreBounds}); they are then
     * visited by decreasing bound (in buckets of 1/1024) and scored exactly, and once the list is
     * full, a candidate whose bound is below the list's last score is skipped, and the first bucket
     * entirely below it ends the search. First come the candidates whose concepts meet both ways
     * (found while collecting the credits); the others, whose score is at most
     * {@link MatchScorer#oneWayBound()}, are looked at only when the list is not full or its last
     * score is below that. The result is the one that scoring every candidate gives
     * ({@code MatchFinderTests} compares both).
     */
    public List<Ranked> rankUnlocked(CompanyProfile company, int limit, boolean crossBorderOnly, double minScore) {
        PriorityQueue<Ranked> heap = new PriorityQueue<>(WORST_FIRST);
        ScoreBounds bounds = borrow();
        try {
            bounds.prepare(directory, company);
            CompanyColumns columns = directory.columns();
            int region = company.packed().region;
            bounds.clearCandidates(bounds.creditedCount());
            for (int k = 0; k < bounds.creditedCount(); k++) {
                int b = bounds.credited(k);
                // the packed region is equal exactly when the region is (regions are validated)
                if (bounds.creditedBothWays(b) && !(crossBorderOnly && columns.region(b) == region)) {
                    record(bounds, b, minScore);
                }
            }
            long exact = scoreByBound(bounds, company, heap, limit, minScore);
            double oneWay = scorer.oneWayBound();
            if (oneWay + MARGIN >= minScore && (heap.size() < limit || oneWay + MARGIN >= heap.peek().score())) {
                BitSet candidates = candidates(company);
                bounds.clearCandidates(candidates.cardinality());
                for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                    if (!bounds.creditedBothWays(i) && !(crossBorderOnly && columns.region(i) == region)) {
                        record(bounds, i, minScore);
                    }
                }
                exact += scoreByBound(bounds, company, heap, limit, minScore);
            }
            exactlyScored.add(exact);
            pairsScored.accept(exact);
        }
        finally {
            pool.push(bounds);
        }
        List<Ranked> result = new ArrayList<>(heap);
        result.sort(WORST_FIRST.reversed());
        return result;
    }

    private static void record(ScoreBounds bounds, int ordinal, double minScore) {
        double bound = bounds.bound(ordinal);
        if (bound + MARGIN >= minScore) {
            bounds.record(ordinal, bound);
        }
    }

    /** Scores the recorded candidates by decreasing bound into the heap; returns how many were scored exactly. */
    private long scoreByBound(ScoreBounds bounds, CompanyProfile company, PriorityQueue<Ranked> heap, int limit,
            double minScore) {
        int[] order = bounds.orderByBound();
        long exact = 0;
        for (int k = bounds.recorded() - 1; k >= 0; k--) {
            double bound = bounds.value(order[k]);
            if (heap.size() >= limit) {
                double worst = heap.peek().score();
                if (ScoreBounds.bucketTop(bound) + MARGIN < worst) {
                    break; // every later candidate's bound is at most this bucket's top
                }
                if (bound + MARGIN < worst) {
                    continue;
                }
            }
            CompanyProfile partner = directory.byOrdinal(bounds.ordinal(order[k]));
            if (partner == null) {
                continue;
            }
            exact++;
            double score = scorer.score(directory, company, partner);
            if (score < minScore || score <= 0) {
                continue;
            }
            Ranked ranked = new Ranked(partner, score);
            if (heap.size() < limit) {
                heap.add(ranked);
            }
            else if (WORST_FIRST.compare(ranked, heap.peek()) > 0) {
                heap.poll();
                heap.add(ranked);
            }
        }
        return exact;
    }

    /** Pairs scored exactly so far (those whose bound could not rule them out): for benchmarks. */
    public long exactlyScoredPairs() {
        return exactlyScored.sum();
    }

    private ScoreBounds borrow() {
        ScoreBounds bounds = pool.poll();
        return bounds != null ? bounds : new ScoreBounds(scorer);
    }

    /** The candidate partners of a company (see {@link CompanyDirectory#candidatesFor}); call under the read lock. */
    public BitSet candidates(CompanyProfile company) {
        return directory.candidatesFor(company, scorer.familyCandidates(),
                scorer.maxStemCompanies(directory.populationUnlocked()));
    }

    /** A partner and its score. */
    public record Ranked(CompanyProfile partner, double score) {
    }
}
