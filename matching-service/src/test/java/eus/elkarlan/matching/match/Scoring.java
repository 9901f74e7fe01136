package eus.elkarlan.matching.match;

import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyDraft;
import eus.elkarlan.matching.text.TextAnalysis;

/** A directory, scorer and finder without Spring, for tests. */
final class Scoring {

    static final TextAnalysis TEXT = new TextAnalysis();

    final CompanyDirectory directory = new CompanyDirectory();
    final MatchScorer scorer;
    final MatchFinder finder;

    Scoring(MatchingProperties properties) {
        this.scorer = new MatchScorer(properties);
        this.finder = new MatchFinder(directory, scorer);
    }

    Scoring() {
        this(MatchingProperties.defaults());
    }

    Scoring add(CompanySnapshot... snapshots) {
        for (CompanySnapshot s : snapshots) {
            directory.upsert(CompanyDraft.of(s, TEXT));
        }
        return this;
    }

    PairScore explain(String a, String b) {
        return directory.read(() -> scorer.explain(directory, directory.byIdUnlocked(a), directory.byIdUnlocked(b)));
    }

    double score(String a, String b) {
        return explain(a, b).score();
    }
}
