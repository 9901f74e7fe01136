package eus.elkarlan.matching.match;

import java.util.Arrays;
import java.util.BitSet;

import eus.elkarlan.matching.company.CompanyColumns;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.company.ConceptTable;
import eus.elkarlan.matching.company.PackedProfile;

/**
 * Upper bounds of the scores of one company against its candidates, so that ranking computes the
 * exact score (texts, best offers, cooperation) only of candidates that may still enter the list.
 * <p>
 * {@link #prepare} walks the inverted index once: for every concept of the company's needs, the
 * concepts within credit distance of it, and the companies offering those; the reverse for its
 * offers. It keeps, per candidate, the best credit that each of the company's need concepts finds
 * among the candidate's offers, and the best credit that any need concept of the candidate finds
 * among the company's offers. {@link #bound} then bounds the company's direction need by need
 * ({@code (1 − w) × mean of those credits + w × [a shared stem is possible]}, combined as the score
 * does), the candidate's direction by its best need at most ({@code (1 − w) × best credit + w ×
 * [a shared stem is possible]}), and the factors by their exact values but cooperation at its
 * largest. Every step of the score is non-decreasing in what is bounded, so the bound is never
 * below the score.
 * <p>
 * Everything the bound reads is in flat arrays indexed by ordinal (the accumulators here, the
 * directory's {@link CompanyColumns}): it touches no candidate object, and the accumulators are
 * reused from one company to the next (a generation stamp marks what is current), so ranking
 * allocates nothing per pair. Not thread-safe: {@link MatchFinder} lends one to each ranking thread.
 */
final class ScoreBounds {

    private final MatchScorer scorer;
    private final int[][] related = {new int[16]};
    private int generation;
    /**
     * Two longs per candidate ordinal, valid while their stamp (high half) equals the generation:
     * [2b] where the candidate's credits start in {@link #own}; [2b + 1] the best credit (float
     * bits, rounded up) of any need concept of the candidate among the company's offer concepts.
     */
    private long[] marks = new long[0];
    /** Best credit of the company's need concept p among the candidate's offer concepts, at its start + p. */
    private double[] own = new double[256];
    private int ownUsed;
    /** The ordinals credited by the company's needs (those with a start in {@link #own}), in order of first credit. */
    private int[] credited = new int[256];
    private int creditedCount;
    private int ownSlots;
    private double[] conceptBounds = new double[8];
    private double[] textBounds = new double[8];
    private final int[] counts = new int[BUCKETS + 1];
    private int[] ordinals = new int[256];
    private double[] values = new double[256];
    private int[] order = new int[256];
    private int recorded;
    private PackedProfile company;
    private CompanyColumns columns;

    ScoreBounds(MatchScorer scorer) {
        this.scorer = scorer;
    }

    /** Collects the credits of {@code company} against every company; call under the directory's read lock. */
    void prepare(CompanyDirectory directory, CompanyProfile a) {
        company = a.packed();
        columns = directory.columns();
        int limit = directory.ordinalLimit();
        if (marks.length < 2 * limit) {
            marks = Arrays.copyOf(marks, Math.max(2 * limit, marks.length * 2));
        }
        if (++generation <= 0) {
            Arrays.fill(marks, 0);
            generation = 1;
        }
        ownUsed = 0;
        creditedCount = 0;
        ownSlots = company.needs.concepts.length;
        double[] spec = scorer.specificities(directory);
        ConceptTable table = directory.concepts();
        int maxDistance = scorer.maxDistance();
        int self = a.ordinal();

        int[] needConcepts = company.needs.concepts;
        for (int p = 0; p < needConcepts.length; p++) {
            int c = needConcepts[p];
            int n = table.within(c, maxDistance, related, 0);
            for (int r = 0; r < n; r++) {
                int d = related[0][r];
                double credit = scorer.credit(table, spec, c, d);
                BitSet holders = directory.offerHolders(d);
                if (credit <= 0 || holders == null) {
                    continue;
                }
                for (int b = holders.nextSetBit(0); b >= 0; b = holders.nextSetBit(b + 1)) {
                    if (b != self) {
                        int at = ownSlot(b) + p;
                        if (own[at] < credit) {
                            own[at] = credit;
                        }
                    }
                }
            }
        }

        int[] offerConcepts = company.offers.concepts;
        for (int q = 0; q < offerConcepts.length; q++) {
            int d = offerConcepts[q];
            int n = table.within(d, maxDistance, related, 0);
            for (int r = 0; r < n; r++) {
                int c = related[0][r];
                double credit = scorer.credit(table, spec, c, d);
                BitSet holders = directory.needHolders(c);
                if (credit <= 0 || holders == null) {
                    continue;
                }
                float up = (float) credit;
                if (up < credit) {
                    up = Math.nextUp(up);
                }
                long mark = (long) generation << 32 | Float.floatToIntBits(up);
                for (int b = holders.nextSetBit(0); b >= 0; b = holders.nextSetBit(b + 1)) {
                    long current = marks[2 * b + 1];
                    // same stamp: non-negative float bits order as the floats
                    if ((int) (current >>> 32) != generation || (int) current < (int) mark) {
                        marks[2 * b + 1] = mark;
                    }
                }
            }
        }
    }

    /** An upper bound of the score of the prepared company with the company at {@code b} (another ordinal in use). */
    double bound(int b) {
        double s1 = 0;
        PackedProfile.Side needs = company.needs;
        if (needs.count > 0 && columns.offerCount(b) > 0) {
            if (conceptBounds.length < needs.count) {
                conceptBounds = new double[needs.count];
                textBounds = new double[needs.count];
            }
            long mark = marks[2 * b];
            boolean credited = (int) (mark >>> 32) == generation;
            int start = (int) mark;
            long offerStems = columns.offerStems(b);
            for (int i = 0; i < needs.count; i++) {
                int from = needs.conceptStart[i];
                int to = needs.conceptStart[i + 1];
                double concept = 0;
                if (credited && to > from) {
                    double sum = 0;
                    for (int p = from; p < to; p++) {
                        sum += own[start + p];
                    }
                    concept = sum / (to - from);
                }
                conceptBounds[i] = concept;
                textBounds[i] = (needs.stem[i] & offerStems) != 0 ? 1 : 0;
            }
            s1 = scorer.directionBound(needs.count, conceptBounds, textBounds);
        }
        double s2 = 0;
        if (columns.needCount(b) > 0 && company.offers.count > 0) {
            long mark = marks[2 * b + 1];
            s2 = scorer.strengthBound((int) (mark >>> 32) == generation ? Float.intBitsToFloat((int) mark) : 0,
                    (columns.needStems(b) & company.offers.stemUnion) != 0);
        }
        return scorer.scoreBound(s1, s2,
                scorer.factorBound(company, columns.region(b), columns.languages(b), columns.division(b), columns.size(b)));
    }

    /** Number of companies whose offers earn credit from the company's needs. */
    int creditedCount() {
        return creditedCount;
    }

    /** The k-th company whose offers earn credit from the company's needs. */
    int credited(int k) {
        return credited[k];
    }

    /**
     * Whether concepts meet both ways: the company's needs credit the candidate's offers and the
     * candidate's needs credit the company's offers. Any other candidate has at most text in one
     * direction, so its score is at most {@link MatchScorer#oneWayBound()}.
     */
    boolean creditedBothWays(int b) {
        return (int) (marks[2 * b] >>> 32) == generation && (int) (marks[2 * b + 1] >>> 32) == generation;
    }

    /** Buckets of the ordering by bound: bucket k holds the bounds in [k / BUCKETS, (k + 1) / BUCKETS). */
    static final int BUCKETS = 1024;

    /** Room for {@code size} candidates in {@link #ordinals} and {@link #values}; forgets the recorded ones. */
    void clearCandidates(int size) {
        if (ordinals.length < size) {
            int n = Math.max(size, ordinals.length * 2);
            ordinals = new int[n];
            values = new double[n];
            order = new int[n];
        }
        recorded = 0;
    }

    /** Records a candidate and its bound. */
    void record(int ordinal, double bound) {
        ordinals[recorded] = ordinal;
        values[recorded] = bound;
        recorded++;
    }

    /**
     * The indexes of the recorded candidates ordered by bucket of their bound, lowest bucket first
     * (a counting sort: linear, where sorting thousands of bounds per company cost as much as
     * bounding them). Read them from the end.
     */
    int[] orderByBound() {
        Arrays.fill(counts, 0);
        for (int k = 0; k < recorded; k++) {
            counts[bucket(values[k]) + 1]++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            counts[b + 1] += counts[b];
        }
        for (int k = 0; k < recorded; k++) {
            order[counts[bucket(values[k])]++] = k;
        }
        return order;
    }

    int recorded() {
        return recorded;
    }

    int ordinal(int index) {
        return ordinals[index];
    }

    double value(int index) {
        return values[index];
    }

    static int bucket(double bound) {
        return Math.min(BUCKETS - 1, Math.max(0, (int) (bound * BUCKETS)));
    }

    /** The upper end of a bound's bucket: no bound in this bucket or a lower one exceeds it. */
    static double bucketTop(double bound) {
        return (bucket(bound) + 1) / (double) BUCKETS;
    }

    private int ownSlot(int b) {
        long mark = marks[2 * b];
        if ((int) (mark >>> 32) == generation) {
            return (int) mark;
        }
        int start = ownUsed;
        marks[2 * b] = (long) generation << 32 | start;
        if (creditedCount == credited.length) {
            credited = Arrays.copyOf(credited, creditedCount * 2);
        }
        credited[creditedCount++] = b;
        ownUsed += ownSlots;
        if (ownUsed > own.length) {
            own = Arrays.copyOf(own, Math.max(ownUsed, own.length * 2));
        }
        Arrays.fill(own, start, ownUsed, 0);
        return start;
    }
}
