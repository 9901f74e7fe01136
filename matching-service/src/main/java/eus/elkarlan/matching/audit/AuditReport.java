package eus.elkarlan.matching.audit;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/matches/audit}.
 *
 * @param population       companies in the read model
 * @param topN             the length of each company's list that is counted
 * @param recommendations  all top-N entries counted
 * @param crossBorderShare share of those entries that cross the border
 * @param dimensions       region, territory, sizeBand, language, womenLed: each group's exposure
 * @param formula          how the figures are computed
 */
public record AuditReport(int population, int topN, long recommendations, double crossBorderShare,
        Map<String, List<GroupExposure>> dimensions, String formula) {

    /**
     * @param exposureRatio exposureShare / populationShare, {@code null} without recommendations
     */
    public record GroupExposure(String group, long companies, double populationShare, long recommendations,
            double exposureShare, Double exposureRatio) {
    }
}
