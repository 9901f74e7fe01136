package eus.elkarlan.matching.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The matching-service's business meters (deploy/k8s/README.md, "Business metrics"). */
public class MatchingMetrics {

    private final Counter computed;
    private final Counter suggested;

    public MatchingMetrics(MeterRegistry meters) {
        this.computed = Counter.builder("elkarlan.matches.computed")
                .description("Match scores computed (pairs scored), for listings and after company changes").register(meters);
        this.suggested = Counter.builder("elkarlan.matches.suggested")
                .description("MatchSuggested messages published").register(meters);
    }

    public void pairsScored(long pairs) {
        if (pairs > 0) {
            computed.increment(pairs);
        }
    }

    public void suggestionPublished() {
        suggested.increment();
    }
}
