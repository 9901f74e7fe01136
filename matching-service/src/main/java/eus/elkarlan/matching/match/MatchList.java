package eus.elkarlan.matching.match;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/companies/{id}/matches}: the ranked matches of a company.
 *
 * @param companyId the company
 * @param lang      the language of the reasons' texts
 * @param matches   best first
 */
public record MatchList(String companyId, String lang, List<Match> matches) {

    /**
     * One partner.
     *
     * @param score     0..1
     * @param reasons   why, each with a code, a sentence in {@code lang}, the concepts and a flag
     * @param breakdown every component of the score and how they combine
     */
    public record Match(String companyId, String name, double score, boolean crossBorder, String territory,
            String region, List<String> languages, String sizeBand, List<Reason> reasons, Breakdown breakdown) {
    }

    /** A reason rendered for the reader. */
    public record Reason(String code, String text, List<String> concepts, boolean flagged, Map<String, String> params) {
    }

    /**
     * @param theirOffersAnswerYourNeeds s(company→partner)
     * @param yourOffersAnswerTheirNeeds s(partner→company)
     * @param reciprocal                 R = H(s1 + ε, s2 + ε) − ε
     * @param smoothing                  ε
     * @param factors                    each factor (1 = neutral)
     * @param factorProduct              their product
     * @param maxFactorProduct           the largest possible product
     * @param formula                    the computation with the numbers
     * @param items                      for each need, the offer that answers it best
     */
    public record Breakdown(double theirOffersAnswerYourNeeds, double yourOffersAnswerTheirNeeds, double reciprocal,
            double smoothing, Map<String, Double> factors, double factorProduct, double maxFactorProduct, String formula,
            List<Item> items) {
    }

    /**
     * @param direction {@code THEIR_OFFER_YOUR_NEED} or {@code YOUR_OFFER_THEIR_NEED}
     */
    public record Item(String direction, String need, String needLang, String offer, String offerLang,
            double conceptSimilarity, double textSimilarity, double strength, List<String> concepts,
            List<String> sharedTerms) {
    }
}
