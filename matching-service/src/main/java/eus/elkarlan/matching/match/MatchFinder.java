package eus.elkarlan.matching.match;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyProfile;

/**
 * Ranks a company's partners from the in-memory directory: candidates come from the inverted
 * indexes (a shared concept family or stem in either direction), each is scored, the best are
 * explained. One company against 10,000 takes milliseconds, so lists are computed when read and
 * always reflect the latest snapshots (an erased company is gone from every list at once).
 */
public class MatchFinder {

    private final CompanyDirectory directory;
    private final MatchScorer scorer;
    private final LongConsumer pairsScored;

    public MatchFinder(CompanyDirectory directory, MatchScorer scorer) {
        this(directory, scorer, n -> { });
    }

    /** @param pairsScored told how many pairs each ranking or rescoring has scored (the metric) */
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

    /** Scores of every candidate pair of a company (no explanations); call under the read lock. */
    public void forEachCandidateUnlocked(CompanyProfile company, BiConsumer<CompanyProfile, Double> consumer) {
        BitSet candidates = candidates(company);
        long scored = 0;
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompanyProfile partner = directory.byOrdinal(i);
            if (partner != null) {
                consumer.accept(partner, scorer.score(directory, company, partner));
                scored++;
            }
        }
        pairsScored.accept(scored);
    }

    /** The top {@code limit} partners by score, best first; call under the read lock. */
    public List<Ranked> rankUnlocked(CompanyProfile company, int limit, boolean crossBorderOnly, double minScore) {
        Comparator<Ranked> worstFirst = Comparator.comparingDouble(Ranked::score)
                .thenComparing(r -> r.partner().id(), Comparator.reverseOrder());
        PriorityQueue<Ranked> heap = new PriorityQueue<>(worstFirst);
        BitSet candidates = candidates(company);
        long scored = 0;
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompanyProfile partner = directory.byOrdinal(i);
            if (partner == null || (crossBorderOnly && !company.crossesBorderWith(partner))) {
                continue;
            }
            double score = scorer.score(directory, company, partner);
            scored++;
            if (score < minScore || score <= 0) {
                continue;
            }
            Ranked ranked = new Ranked(partner, score);
            if (heap.size() < limit) {
                heap.add(ranked);
            }
            else if (worstFirst.compare(ranked, heap.peek()) > 0) {
                heap.poll();
                heap.add(ranked);
            }
        }
        pairsScored.accept(scored);
        List<Ranked> result = new ArrayList<>(heap);
        result.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(r -> r.partner().id()));
        return result;
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
