package eus.elkarlan.matching.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import eus.elkarlan.matching.bench.LabelledSet;

/** Guards the quality figures of the labelled set (the target: precision@5 at least 0.8). */
class LabelledSetTests {

    @Test
    void precisionAtFiveOnTheLabelledSetReachesTheTarget() {
        LabelledSet.Figures figures = LabelledSet.evaluate(MatchingProperties.defaults());
        assertThat(figures.companies()).isGreaterThanOrEqualTo(60);
        assertThat(figures.precisionAt5()).isGreaterThanOrEqualTo(0.8);
        assertThat(figures.crossLingualPairs()).isPositive();
        assertThat(figures.crossLingualFound()).isGreaterThanOrEqualTo(0.8);
    }
}
