package eus.elkarlan.matching.match;

import java.util.List;
import java.util.Map;

import eus.elkarlan.matching.company.CompanyProfile;

/**
 * The score of a pair seen from {@code company} towards {@code partner}, with everything that made it.
 *
 * @param partnerAnswers   s(company→partner): how well the partner's offers answer the company's needs
 * @param companyAnswers   s(partner→company): how well the company's offers answer the partner's needs
 * @param reciprocal       R, the smoothed harmonic mean of the two
 * @param factors          each factor by name (1 = neutral)
 * @param factorProduct    the product of the factors
 * @param maxFactorProduct the largest possible product, which maps a perfect pair to 1
 * @param score            R × factorProduct / maxFactorProduct, in 0..1
 * @param partnerOffers    for each need of the company, the partner's offer that answers it best
 * @param companyOffers    for each need of the partner, the company's offer that answers it best
 * @param cooperation      COMPATIBLE, MISMATCH or UNKNOWN
 */
public record PairScore(CompanyProfile company, CompanyProfile partner, double partnerAnswers, double companyAnswers,
        double reciprocal, Map<String, Double> factors, double factorProduct, double maxFactorProduct, double score,
        boolean crossBorder, List<String> sharedLanguages, String cooperation, boolean sameSector, int sizeGap,
        List<ItemMatch> partnerOffers, List<ItemMatch> companyOffers) {

    /**
     * An offer answering a need.
     *
     * @param conceptSimilarity 0..1 from the taxonomy
     * @param textSimilarity    0..1 Dice overlap of stems
     * @param strength          the weighted sum of both
     * @param concepts          the concept pairs that earned credit, as "needConcept→offerConcept"
     * @param sharedConcepts    the codes through which they met (the lowest common ancestors)
     * @param sharedStems       the stems both texts hold
     */
    public record ItemMatch(CompanyProfile.Item need, CompanyProfile.Item offer, double conceptSimilarity,
            double textSimilarity, double strength, List<String> concepts, List<String> sharedConcepts,
            List<String> sharedStems) {
    }
}
