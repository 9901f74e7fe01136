package eus.elkarlan.matching.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A language-neutral reason: a code, the concepts concerned and named parameters. The API renders
 * it in the reader's language ({@link ReasonTexts}); {@code match.suggested} carries it as is.
 *
 * @param flagged whether the reader should pay attention (e.g. no language in common)
 */
public record MatchReason(String code, List<String> concepts, Map<String, String> params, boolean flagged) {

    public static final String PARTNER_OFFER_ANSWERS_NEED = "PARTNER_OFFER_ANSWERS_NEED";
    public static final String OWN_OFFER_ANSWERS_PARTNER_NEED = "OWN_OFFER_ANSWERS_PARTNER_NEED";
    public static final String TEXT_OVERLAP = "TEXT_OVERLAP";
    public static final String ONLY_PARTNER_ANSWERS = "ONLY_PARTNER_ANSWERS";
    public static final String ONLY_COMPANY_ANSWERS = "ONLY_COMPANY_ANSWERS";
    public static final String CROSS_BORDER = "CROSS_BORDER";
    public static final String SHARED_LANGUAGES = "SHARED_LANGUAGES";
    public static final String NO_SHARED_LANGUAGE = "NO_SHARED_LANGUAGE";
    public static final String COOPERATION_COMPATIBLE = "COOPERATION_COMPATIBLE";
    public static final String COOPERATION_MISMATCH = "COOPERATION_MISMATCH";
    public static final String SAME_SECTOR = "SAME_SECTOR";
    public static final String SIZE_GAP = "SIZE_GAP";

    /** The reasons of a pair, strongest first, from the company's point of view. */
    public static List<MatchReason> of(PairScore pair) {
        List<MatchReason> reasons = new ArrayList<>();
        offerReasons(reasons, pair.partnerOffers(), PARTNER_OFFER_ANSWERS_NEED, false);
        offerReasons(reasons, pair.companyOffers(), OWN_OFFER_ANSWERS_PARTNER_NEED, true);
        if (pair.partnerAnswers() <= 0 && pair.companyAnswers() > 0) {
            reasons.add(new MatchReason(ONLY_COMPANY_ANSWERS, List.of(), Map.of(), true));
        }
        else if (pair.companyAnswers() <= 0 && pair.partnerAnswers() > 0) {
            reasons.add(new MatchReason(ONLY_PARTNER_ANSWERS, List.of(), Map.of(), true));
        }
        if (pair.crossBorder()) {
            reasons.add(new MatchReason(CROSS_BORDER, List.of(), Map.of("territory", pair.partner().territory(),
                    "region", pair.partner().region(), "ownTerritory", pair.company().territory()), false));
        }
        if (pair.sharedLanguages().isEmpty()) {
            reasons.add(new MatchReason(NO_SHARED_LANGUAGE, List.of(), Map.of("ownLanguages",
                    String.join(",", pair.company().languages()), "partnerLanguages",
                    String.join(",", pair.partner().languages())), true));
        }
        else {
            reasons.add(new MatchReason(SHARED_LANGUAGES, List.of(),
                    Map.of("languages", String.join(",", pair.sharedLanguages())), false));
        }
        if (MatchScorer.COMPATIBLE.equals(pair.cooperation())) {
            reasons.add(new MatchReason(COOPERATION_COMPATIBLE, List.of(), Map.of("types", cooperationTypes(pair)), false));
        }
        else if (MatchScorer.MISMATCH.equals(pair.cooperation())) {
            reasons.add(new MatchReason(COOPERATION_MISMATCH, List.of(), Map.of(), true));
        }
        if (pair.sameSector()) {
            reasons.add(new MatchReason(SAME_SECTOR, List.of(), Map.of("division", pair.company().naceCode().substring(0, 2)),
                    false));
        }
        if (pair.sizeGap() >= 2) {
            reasons.add(new MatchReason(SIZE_GAP, List.of(), Map.of("ownSize", pair.company().sizeBand(), "partnerSize",
                    pair.partner().sizeBand()), false));
        }
        return reasons;
    }

    private static void offerReasons(List<MatchReason> reasons, List<PairScore.ItemMatch> matches, String code,
            boolean own) {
        List<PairScore.ItemMatch> sorted = new ArrayList<>(matches);
        sorted.sort((x, y) -> Double.compare(y.strength(), x.strength()));
        for (PairScore.ItemMatch m : sorted) {
            if (m.strength() <= 0) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("offer", m.offer().title());
            params.put("need", m.need().title());
            params.put("offerLang", m.offer().lang());
            params.put("needLang", m.need().lang());
            params.put("strength", String.format(java.util.Locale.ROOT, "%.2f", m.strength()));
            if (m.conceptSimilarity() > 0) {
                reasons.add(new MatchReason(code, m.sharedConcepts(), params, false));
            }
            else {
                params.put("terms", String.join(", ", m.sharedStems()));
                params.put("direction", own ? "own" : "partner");
                reasons.add(new MatchReason(TEXT_OVERLAP, List.of(), params, false));
            }
        }
    }

    private static String cooperationTypes(PairScore pair) {
        Set<String> types = new LinkedHashSet<>();
        for (List<PairScore.ItemMatch> list : List.of(pair.partnerOffers(), pair.companyOffers())) {
            for (PairScore.ItemMatch m : list) {
                for (String t : m.need().cooperation()) {
                    if (m.offer().cooperation().contains(t)) {
                        types.add(t);
                    }
                }
            }
        }
        return String.join(",", types);
    }
}
