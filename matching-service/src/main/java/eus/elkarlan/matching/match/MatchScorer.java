package eus.elkarlan.matching.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.company.ConceptTable;
import eus.elkarlan.matching.company.PackedProfile;

/**
 * The match score of a pair. Pure computation over the {@link CompanyDirectory} (call it under the
 * directory's read lock). The formula, step by step (README.md has it with the defaults):
 * <ol>
 * <li>credit(c, d) of a need concept c by an offer concept d: with L their lowest common ancestor
 * and k the steps from c to L plus from d to L, {@code decay^k × (floor + (1 − floor) × spec(L))}
 * when k ≤ maxDistance, else 0; spec(L) = min(1, ln(1 + N/df(L)) / ln(1 + 1/referenceShare)),
 * 1 below minPopulation companies;</li>
 * <li>concept similarity of a need and an offer: the mean over the need's concepts of their best
 * credit among the offer's concepts; text similarity: Dice overlap of their stems;
 * strength m = (1 − w) × concept + w × text;</li>
 * <li>s(A→B) = (1 − coverage) × max over A's needs of the best m by B's offers + coverage × the
 * mean of those bests;</li>
 * <li>R = H(s1 + ε, s2 + ε) − ε with H the harmonic mean: R(1,1) = 1, R(0,0) = 0, and with ε &gt; 0
 * a zero in one direction lowers the score without vetoing it;</li>
 * <li>score = R × Π factors / Π largest factors, in 0..1.</li>
 * </ol>
 */
public class MatchScorer {

    static final String COMPATIBLE = "COMPATIBLE";
    static final String MISMATCH = "MISMATCH";
    static final String UNKNOWN = "UNKNOWN";
    private static final List<String> SIZE_BANDS = List.of("MICRO", "SMALL", "MEDIUM", "LARGE");

    private final MatchingProperties properties;
    private final double referenceIdf;
    private final double maxFactorProduct;
    private final double[] decay;
    private volatile SpecificityCache cache = new SpecificityCache(null, -1, new double[0]);

    public MatchScorer(MatchingProperties properties) {
        this.properties = properties;
        this.referenceIdf = Math.log(1 + 1 / properties.concepts().referenceShare());
        MatchingProperties.Factors f = properties.factors();
        this.maxFactorProduct = (1 + f.crossBorderBonus()) * (1 + f.cooperationBonus()) * (1 + f.sectorBonus());
        this.decay = new double[properties.concepts().maxDistance() + 1];
        for (int k = 0; k < decay.length; k++) {
            decay[k] = Math.pow(properties.concepts().hierarchyDecay(), k);
        }
    }

    /** Whether a whole concept family must be searched for candidates (siblings earn credit). */
    public boolean familyCandidates() {
        return properties.concepts().maxDistance() >= 2;
    }

    /** Stems held by more companies than this do not make candidates. */
    public int maxStemCompanies(int population) {
        return Math.max(properties.text().candidateMinCompanies(),
                (int) (properties.text().candidateMaxShare() * population));
    }

    public MatchingProperties properties() {
        return properties;
    }

    /**
     * The score alone, from the packed profiles: the fast path of ranking. It computes exactly what
     * {@link #explain} computes ({@code MatchScorerTests} checks both agree).
     */
    public double score(CompanyDirectory directory, CompanyProfile a, CompanyProfile b) {
        PackedProfile pa = a.packed();
        PackedProfile pb = b.packed();
        double[] spec = specificities(directory);
        ConceptTable table = directory.concepts();
        int[] flags = new int[1];
        double ab = direction(table, spec, pa.needs, pb.offers, flags);
        double ba = direction(table, spec, pb.needs, pa.offers, flags);
        double r = reciprocal(ab, ba);
        if (r <= 0) {
            return 0;
        }
        MatchingProperties.Factors f = properties.factors();
        double product = pa.region != pb.region ? 1 + f.crossBorderBonus() : 1;
        if ((pa.languages & pb.languages) == 0) {
            product *= f.noSharedLanguageFactor();
        }
        if ((flags[0] & COMPATIBLE_FLAG) != 0) {
            product *= 1 + f.cooperationBonus();
        }
        else if ((flags[0] & MISMATCH_FLAG) != 0) {
            product *= f.cooperationMismatchFactor();
        }
        if (pa.division >= 0 && pa.division == pb.division) {
            product *= 1 + f.sectorBonus();
        }
        int gap = pa.size < 0 || pb.size < 0 ? 0 : Math.abs(pa.size - pb.size);
        product *= Math.max(0, 1 - f.sizeGapPenalty() * Math.max(0, gap - 1));
        return clamp(r * product / maxFactorProduct);
    }

    /** Steps in the taxonomy beyond which two concepts earn no credit. */
    int maxDistance() {
        return decay.length - 1;
    }

    /**
     * An upper bound of the factor product of a pair: every factor but cooperation (which depends
     * on the best offers) exactly, cooperation at its largest.
     */
    double factorBound(PackedProfile pa, int region, int languages, int division, int size) {
        MatchingProperties.Factors f = properties.factors();
        double product = pa.region != region ? 1 + f.crossBorderBonus() : 1;
        if ((pa.languages & languages) == 0) {
            product *= f.noSharedLanguageFactor();
        }
        product *= Math.max(1, Math.max(1 + f.cooperationBonus(), f.cooperationMismatchFactor()));
        if (pa.division >= 0 && pa.division == division) {
            product *= 1 + f.sectorBonus();
        }
        int gap = pa.size < 0 || size < 0 ? 0 : Math.abs(pa.size - size);
        product *= Math.max(0, 1 - f.sizeGapPenalty() * Math.max(0, gap - 1));
        return product;
    }

    /** The score of a pair whose two directions are at most s1 and s2 and whose factor product is at most {@code factors}. */
    double scoreBound(double s1, double s2, double factors) {
        double r = reciprocal(s1, s2);
        return r <= 0 ? 0 : clamp(r * factors / maxFactorProduct);
    }

    /**
     * The largest score of a pair whose concepts earn no credit in one direction (text at most
     * there): R(1, w) at the largest factors; 0.356 with the defaults.
     */
    double oneWayBound() {
        return scoreBound(1, strengthBound(0, true), maxFactorProduct);
    }

    /** The largest strength of a need whose concepts earn at most {@code credit}, with or without a possible shared stem. */
    double strengthBound(double credit, boolean sharedStem) {
        double textWeight = properties.text().weight();
        return clamp((1 - textWeight) * credit + (sharedStem ? textWeight : 0));
    }

    /**
     * A direction's value from upper bounds of its needs' strengths: m ≤ (1 − w) × concept bound + w × text
     * bound, where both bounds are per need.
     */
    double directionBound(int needs, double[] conceptBounds, double[] textBounds) {
        double textWeight = properties.text().weight();
        double max = 0;
        double sum = 0;
        for (int i = 0; i < needs; i++) {
            double m = (1 - textWeight) * conceptBounds[i] + textWeight * textBounds[i];
            max = Math.max(max, m);
            sum += m;
        }
        double coverage = properties.direction().coverageWeight();
        return clamp((1 - coverage) * max + coverage * sum / needs);
    }

    private static final int COMPATIBLE_FLAG = 1;
    private static final int MISMATCH_FLAG = 2;

    private double direction(ConceptTable table, double[] spec, PackedProfile.Side needs, PackedProfile.Side offers,
            int[] flags) {
        if (needs.count == 0 || offers.count == 0) {
            return 0;
        }
        double textWeight = properties.text().weight();
        double max = 0;
        double sum = 0;
        for (int i = 0; i < needs.count; i++) {
            double best = 0;
            int bestOffer = -1;
            for (int j = 0; j < offers.count; j++) {
                double concept = (needs.family[i] & offers.family[j]) == 0 ? 0
                        : conceptSimilarity(table, spec, needs.concepts, needs.conceptStart[i], needs.conceptStart[i + 1],
                                offers.concepts, offers.conceptStart[j], offers.conceptStart[j + 1]);
                double text = (needs.stem[i] & offers.stem[j]) == 0 ? 0
                        : dice(needs.stems, needs.stemStart[i], needs.stemStart[i + 1], offers.stems, offers.stemStart[j],
                                offers.stemStart[j + 1]);
                double m = (1 - textWeight) * concept + textWeight * text;
                if (m > best) {
                    best = m;
                    bestOffer = j;
                }
            }
            if (bestOffer >= 0 && needs.cooperation[i] != 0 && offers.cooperation[bestOffer] != 0) {
                flags[0] |= (needs.cooperation[i] & offers.cooperation[bestOffer]) != 0 ? COMPATIBLE_FLAG : MISMATCH_FLAG;
            }
            max = Math.max(max, best);
            sum += best;
        }
        double coverage = properties.direction().coverageWeight();
        return clamp((1 - coverage) * max + coverage * sum / needs.count);
    }

    private double conceptSimilarity(ConceptTable table, double[] spec, int[] x, int xFrom, int xTo, int[] y, int yFrom,
            int yTo) {
        if (xFrom == xTo || yFrom == yTo) {
            return 0;
        }
        double sum = 0;
        for (int i = xFrom; i < xTo; i++) {
            double best = 0;
            for (int j = yFrom; j < yTo; j++) {
                best = Math.max(best, credit(table, spec, x[i], y[j]));
            }
            sum += best;
        }
        return sum / (xTo - xFrom);
    }

    private static double dice(int[] x, int xFrom, int xTo, int[] y, int yFrom, int yTo) {
        int i = xFrom;
        int j = yFrom;
        int common = 0;
        while (i < xTo && j < yTo) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j]) {
                i++;
            }
            else {
                j++;
            }
        }
        return 2.0 * common / ((xTo - xFrom) + (yTo - yFrom));
    }

    /** The score with its whole explanation. */
    public PairScore explain(CompanyDirectory directory, CompanyProfile a, CompanyProfile b) {
        Direction ab = direction(directory, a.needs(), b.offers());
        Direction ba = direction(directory, b.needs(), a.offers());
        double r = reciprocal(ab.value, ba.value);
        Map<String, Double> factors = new LinkedHashMap<>();
        double product = factors(a, b, ab, ba, factors);
        double score = r <= 0 ? 0 : clamp(r * product / maxFactorProduct);
        List<String> shared = a.languages().stream().filter(b.languages()::contains).toList();
        return new PairScore(a, b, ab.value, ba.value, r, factors, product, maxFactorProduct, score,
                a.crossesBorderWith(b), shared, cooperation(ab, ba), sameSector(a, b), sizeGap(a, b), ab.matches, ba.matches);
    }

    /** The smoothed harmonic mean R = H(s1 + ε, s2 + ε) − ε. */
    double reciprocal(double s1, double s2) {
        double e = properties.reciprocity().smoothing();
        double x = s1 + e;
        double y = s2 + e;
        if (x + y <= 0) {
            return 0;
        }
        return clamp(2 * x * y / (x + y) - e);
    }

    private double factors(CompanyProfile a, CompanyProfile b, Direction ab, Direction ba, Map<String, Double> out) {
        MatchingProperties.Factors f = properties.factors();
        double crossBorder = a.crossesBorderWith(b) ? 1 + f.crossBorderBonus() : 1;
        boolean sharesLanguage = false;
        for (String lang : a.languages()) {
            if (b.languages().contains(lang)) {
                sharesLanguage = true;
                break;
            }
        }
        double language = sharesLanguage ? 1 : f.noSharedLanguageFactor();
        String coop = cooperation(ab, ba);
        double cooperation = COMPATIBLE.equals(coop) ? 1 + f.cooperationBonus()
                : MISMATCH.equals(coop) ? f.cooperationMismatchFactor() : 1;
        double sector = sameSector(a, b) ? 1 + f.sectorBonus() : 1;
        double size = Math.max(0, 1 - f.sizeGapPenalty() * Math.max(0, sizeGap(a, b) - 1));
        if (out != null) {
            out.put("crossBorder", crossBorder);
            out.put("languages", language);
            out.put("cooperation", cooperation);
            out.put("sector", sector);
            out.put("size", size);
        }
        return crossBorder * language * cooperation * sector * size;
    }

    private static String cooperation(Direction ab, Direction ba) {
        if (ab.compatible || ba.compatible) {
            return COMPATIBLE;
        }
        if (ab.mismatch || ba.mismatch) {
            return MISMATCH;
        }
        return UNKNOWN;
    }

    static boolean sameSector(CompanyProfile a, CompanyProfile b) {
        String x = a.naceCode();
        String y = b.naceCode();
        return x != null && y != null && x.length() >= 2 && x.regionMatches(0, y, 0, 2);
    }

    static int sizeGap(CompanyProfile a, CompanyProfile b) {
        int x = SIZE_BANDS.indexOf(a.sizeBand());
        int y = SIZE_BANDS.indexOf(b.sizeBand());
        return x < 0 || y < 0 ? 0 : Math.abs(x - y);
    }

    private Direction direction(CompanyDirectory directory, List<CompanyProfile.Item> needs,
            List<CompanyProfile.Item> offers) {
        Direction result = new Direction();
        if (needs.isEmpty() || offers.isEmpty()) {
            return result;
        }
        double textWeight = properties.text().weight();
        double[] spec = specificities(directory);
        double max = 0;
        double sum = 0;
        for (CompanyProfile.Item need : needs) {
            double best = 0;
            CompanyProfile.Item bestOffer = null;
            double bestConcept = 0;
            double bestText = 0;
            for (CompanyProfile.Item offer : offers) {
                double concept = (need.familyMask() & offer.familyMask()) == 0 ? 0
                        : conceptSimilarity(directory, spec, need.concepts(), offer.concepts());
                double text = (need.stemMask() & offer.stemMask()) == 0 ? 0 : dice(need.stems(), offer.stems());
                double m = (1 - textWeight) * concept + textWeight * text;
                if (m > best) {
                    best = m;
                    bestOffer = offer;
                    bestConcept = concept;
                    bestText = text;
                }
            }
            if (bestOffer != null) {
                boolean needSays = !need.cooperation().isEmpty();
                boolean offerSays = !bestOffer.cooperation().isEmpty();
                if (needSays && offerSays) {
                    if (intersects(need.cooperation(), bestOffer.cooperation())) {
                        result.compatible = true;
                    }
                    else {
                        result.mismatch = true;
                    }
                }
                result.matches.add(itemMatch(directory, need, bestOffer, bestConcept, bestText, best));
            }
            max = Math.max(max, best);
            sum += best;
        }
        double coverage = properties.direction().coverageWeight();
        result.value = clamp((1 - coverage) * max + coverage * sum / needs.size());
        return result;
    }

    private PairScore.ItemMatch itemMatch(CompanyDirectory directory, CompanyProfile.Item need, CompanyProfile.Item offer,
            double concept, double text, double strength) {
        ConceptTable table = directory.concepts();
        List<String> pairs = new ArrayList<>();
        Set<String> shared = new LinkedHashSet<>();
        for (int c : need.concepts()) {
            int bestD = -1;
            double best = 0;
            for (int d : offer.concepts()) {
                double credit = credit(directory, specificities(directory), c, d);
                if (credit > best) {
                    best = credit;
                    bestD = d;
                }
            }
            if (bestD >= 0) {
                pairs.add(table.code(c) + "→" + table.code(bestD));
                shared.add(table.code(table.lowestCommonAncestor(c, bestD)));
            }
        }
        List<String> stems = new ArrayList<>();
        int i = 0;
        int j = 0;
        int[] x = need.stems();
        int[] y = offer.stems();
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                stems.add(directory.stem(x[i]));
                i++;
                j++;
            }
            else if (x[i] < y[j]) {
                i++;
            }
            else {
                j++;
            }
        }
        return new PairScore.ItemMatch(need, offer, concept, text, strength, pairs, List.copyOf(shared), stems);
    }

    private double conceptSimilarity(CompanyDirectory directory, double[] spec, int[] needConcepts, int[] offerConcepts) {
        if (needConcepts.length == 0 || offerConcepts.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int c : needConcepts) {
            double best = 0;
            for (int d : offerConcepts) {
                best = Math.max(best, credit(directory, spec, c, d));
            }
            sum += best;
        }
        return sum / needConcepts.length;
    }

    /** The credit of need concept c answered by offer concept d. */
    double credit(CompanyDirectory directory, double[] spec, int c, int d) {
        return credit(directory.concepts(), spec, c, d);
    }

    double credit(ConceptTable table, double[] spec, int c, int d) {
        if (c == d) {
            return spec[c];
        }
        int depthGap = Math.abs(table.depth(c) - table.depth(d));
        // unrelated families, or too far apart in depth, or siblings/cousins beyond max-distance
        if (table.root(c) != table.root(d) || depthGap >= decay.length || (depthGap == 0 && decay.length <= 2)) {
            return 0;
        }
        int lca = table.lowestCommonAncestor(c, d);
        if (lca < 0) {
            return 0;
        }
        int distance = table.depth(c) + table.depth(d) - 2 * table.depth(lca);
        return distance >= decay.length ? 0 : decay[distance] * spec[lca];
    }

    /** 0..1: how rare a concept is in the population (1 = held by referenceShare of the companies or fewer). */
    double specificity(CompanyDirectory directory, int concept) {
        int n = directory.populationUnlocked();
        if (n < properties.concepts().minPopulation()) {
            return 1;
        }
        int df = Math.max(1, directory.documentFrequency(concept));
        return Math.min(1, Math.log(1 + (double) n / df) / referenceIdf);
    }

    /** floor + (1 − floor) × specificity of every concept, recomputed once per directory change. */
    double[] specificities(CompanyDirectory directory) {
        SpecificityCache current = cache;
        long changes = directory.changes();
        int size = directory.concepts().size();
        if (current.directory == directory && current.changes == changes && current.values.length >= size) {
            return current.values;
        }
        double floor = properties.concepts().specificityFloor();
        double[] values = new double[size];
        for (int c = 0; c < size; c++) {
            values[c] = floor + (1 - floor) * specificity(directory, c);
        }
        cache = new SpecificityCache(directory, changes, values);
        return values;
    }

    private record SpecificityCache(CompanyDirectory directory, long changes, double[] values) {
    }

    private static double dice(int[] x, int[] y) {
        if (x.length == 0 || y.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            }
            else if (x[i] < y[j]) {
                i++;
            }
            else {
                j++;
            }
        }
        return 2.0 * common / (x.length + y.length);
    }

    private static boolean intersects(Set<String> x, Set<String> y) {
        for (String s : x) {
            if (y.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    private static final class Direction {
        double value;
        boolean compatible;
        boolean mismatch;
        final List<PairScore.ItemMatch> matches = new ArrayList<>();
    }
}
