package eus.elkarlan.matching.bench;

import eus.elkarlan.matching.match.MatchingProperties;

/** Prints the quality figures of the labelled set (see README.md). Not a test. */
public final class QualityBenchmark {

    public static void main(String[] args) {
        MatchingProperties defaults = MatchingProperties.defaults();
        System.out.println("default properties: " + LabelledSet.evaluate(defaults));
        MatchingProperties noText = new MatchingProperties(defaults.concepts(), new MatchingProperties.Text(0, 0.05, 50),
                defaults.direction(), defaults.reciprocity(), defaults.factors(), defaults.notification(),
                defaults.listing());
        System.out.println("concepts only (text weight 0): " + LabelledSet.evaluate(noText));
        MatchingProperties noBorder = new MatchingProperties(defaults.concepts(), defaults.text(), defaults.direction(),
                defaults.reciprocity(), new MatchingProperties.Factors(0, 0.85, 0.10, 0.90, 0.05, 0.05),
                defaults.notification(), defaults.listing());
        System.out.println("no cross-border bonus: " + LabelledSet.evaluate(noBorder));
        MatchingProperties textOnly = new MatchingProperties(defaults.concepts(), new MatchingProperties.Text(1, 0.05, 50),
                defaults.direction(), defaults.reciprocity(), defaults.factors(), defaults.notification(),
                defaults.listing());
        System.out.println("text only (concepts dropped, text weight 1): " + LabelledSet.evaluate(textOnly, false));
    }
}
