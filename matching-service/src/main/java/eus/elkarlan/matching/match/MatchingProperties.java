package eus.elkarlan.matching.match;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every weight and threshold of the match score ({@code elkarlan.matching.*}). The defaults are
 * the values in {@code application.yml}; README.md explains how they combine.
 *
 * @param concepts      how concept codes are compared
 * @param text          how much the analysed text counts
 * @param direction     how one company's needs against the other's offers become s(A→B)
 * @param reciprocity   how s(A→B) and s(B→A) combine
 * @param factors       the multiplicative factors after the reciprocal combination
 * @param notification  when {@code match.suggested} is published
 * @param listing       the match list of the API
 */
@Validated
@ConfigurationProperties("elkarlan.matching")
public record MatchingProperties(@NotNull @Valid Concepts concepts, @NotNull @Valid Text text,
        @NotNull @Valid Direction direction, @NotNull @Valid Reciprocity reciprocity, @NotNull @Valid Factors factors,
        @NotNull @Valid Notification notification, @NotNull @Valid Listing listing) {

    /** The defaults of application.yml, for code outside Spring (tests, benchmark). */
    public static MatchingProperties defaults() {
        return new MatchingProperties(new Concepts(0.5, 1, 0.5, 0.05, 20), new Text(0.15, 0.05, 50),
                new Direction(0.3), new Reciprocity(0.25),
                new Factors(0.25, 0.85, 0.10, 0.90, 0.05, 0.05),
                new Notification(0.45, 0.05, 0.15, Duration.ofMillis(200), 100),
                new Listing(20, 100, 0.05, 10, Duration.ofSeconds(30)));
    }

    /**
     * @param hierarchyDecay        credit kept per step up or down the taxonomy (parent/child = decay,
     *                              siblings = decay²)
     * @param maxDistance           steps through the lowest common ancestor beyond which concepts are unrelated
     *                              (1: parent and child; 2: also siblings, which makes every company of a
     *                              family a candidate, far slower on large populations)
     * @param specificityFloor      the share of the credit a very common concept still earns
     * @param referenceShare        a concept held by this share of the population or fewer is fully specific
     * @param minPopulation         below this many companies, every concept counts as fully specific
     */
    public record Concepts(@DecimalMin("0") @DecimalMax("1") double hierarchyDecay, @Min(0) @Max(6) int maxDistance,
            @DecimalMin("0") @DecimalMax("1") double specificityFloor,
            @DecimalMin("0.0001") @DecimalMax("1") double referenceShare, @Min(1) int minPopulation) {
    }

    /**
     * @param weight            share of an offer/need match that comes from shared stems (the rest from concepts)
     * @param candidateMaxShare a stem held by more than this share of the companies still counts in the score,
     *                          but is too common to find candidate partners by (like a stop word)
     * @param candidateMinCompanies ... unless it is held by this many companies or fewer
     */
    public record Text(@DecimalMin("0") @DecimalMax("1") double weight,
            @DecimalMin("0") @DecimalMax("1") double candidateMaxShare, @Min(0) int candidateMinCompanies) {
    }

    /** @param coverageWeight share of s(A→B) given to the mean over all needs (the rest: the best need) */
    public record Direction(@DecimalMin("0") @DecimalMax("1") double coverageWeight) {
    }

    /**
     * @param smoothing ε of the smoothed harmonic mean R = H(s1+ε, s2+ε) − ε: 0 is the plain harmonic
     *                  mean (a zero vetoes), larger values move towards the arithmetic mean
     */
    public record Reciprocity(@DecimalMin("0") @DecimalMax("10") double smoothing) {
    }

    /**
     * @param crossBorderBonus          Iparralde ↔ Hegoalde: factor 1 + bonus
     * @param noSharedLanguageFactor    no working language in common (flagged, mild)
     * @param cooperationBonus          a matched need and offer name a common cooperation type
     * @param cooperationMismatchFactor both name cooperation types and none is common
     * @param sectorBonus               same NACE division (two first digits)
     * @param sizeGapPenalty            per size band of distance beyond one
     */
    public record Factors(@DecimalMin("0") @DecimalMax("2") double crossBorderBonus,
            @DecimalMin("0") @DecimalMax("1") double noSharedLanguageFactor,
            @DecimalMin("0") @DecimalMax("1") double cooperationBonus,
            @DecimalMin("0") @DecimalMax("1") double cooperationMismatchFactor,
            @DecimalMin("0") @DecimalMax("1") double sectorBonus,
            @DecimalMin("0") @DecimalMax("0.3") double sizeGapPenalty) {
    }

    /**
     * @param threshold     a pair whose score crosses it is suggested to both companies
     * @param hysteresis    the pair is re-armed once its score falls below threshold − hysteresis
     * @param renotifyRise  a suggested pair is suggested again when its score rises this much above the last suggestion
     * @param relayDelay    pause between two runs of the outbox relay
     * @param relayBatch    outbox documents handled per relay run
     */
    public record Notification(@DecimalMin("0") @DecimalMax("1") double threshold,
            @DecimalMin("0") @DecimalMax("1") double hysteresis, @DecimalMin("0") @DecimalMax("1") double renotifyRise,
            @NotNull Duration relayDelay, @Min(1) int relayBatch) {
    }

    /**
     * @param defaultLimit  matches returned without {@code limit}
     * @param maxLimit      {@code limit} is clamped to this
     * @param minScore      pairs below this score are not listed
     * @param auditTopN     the audit counts each company's top-N
     * @param auditMaxAge   an audit report is reused while nothing changed, or while it is younger than this
     */
    public record Listing(@Min(1) int defaultLimit, @Min(1) int maxLimit, @DecimalMin("0") @DecimalMax("1") double minScore,
            @Min(1) int auditTopN, @NotNull Duration auditMaxAge) {
    }
}
