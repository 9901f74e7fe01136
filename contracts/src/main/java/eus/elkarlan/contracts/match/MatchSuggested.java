package eus.elkarlan.contracts.match;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.util.List;
import java.util.Map;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.match.suggested.v1}: a new match above the notification threshold.
 * Keyed by {@code companyId}, the company told about its new partner.
 *
 * @param companyId        the company the suggestion is for
 * @param partnerCompanyId the suggested partner
 * @param partnerName      the partner's legal name
 * @param score            0..1
 * @param crossBorder      whether the pair crosses the border
 * @param reasons          why, language-neutral: a code, the concepts and parameters; readers render the text
 */
public record MatchSuggested(String companyId, String partnerCompanyId, String partnerName, double score,
        boolean crossBorder, List<Reason> reasons) implements ElkarlanMessage {

    public MatchSuggested {
        required(companyId, "companyId");
        required(partnerCompanyId, "partnerCompanyId");
        if (!(score >= 0 && score <= 1)) {
            throw new eus.elkarlan.contracts.InvalidMessageException("score out of 0..1: " + score);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String aggregateId() {
        return companyId;
    }

    /** A reason: e.g. {@code OFFER_ANSWERS_NEED} with the concepts, {@code CROSS_BORDER}, {@code SHARED_LANGUAGES}. */
    public record Reason(String code, List<String> concepts, Map<String, String> params) {
        public Reason {
            required(code, "reasons.code");
            concepts = concepts == null ? List.of() : List.copyOf(concepts);
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }
}
