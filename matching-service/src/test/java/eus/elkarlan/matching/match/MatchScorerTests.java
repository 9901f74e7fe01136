package eus.elkarlan.matching.match;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import eus.elkarlan.matching.Companies;
import eus.elkarlan.matching.bench.SyntheticPopulation;

class MatchScorerTests {

    private static Companies basqueAuditNeed(String id) {
        return company(id).in("GIPUZKOA").speaks("eu", "es")
                .needs("eu", "Zibersegurtasun auditoria behar dugu", "cybersecurity.audit")
                .offers("eu", "Datu analitika eta txostenak", "data.analytics");
    }

    @Test
    void aBasqueNeedMeetsAFrenchOfferAcrossTheBorder() {
        Scoring s = new Scoring().add(basqueAuditNeed("itsaso").build(),
                company("baiona").in("LAPURDI").speaks("fr")
                        .offers("fr", "Audit de cybersécurité ISO 27001", "cybersecurity.audit")
                        .needs("fr", "Analyse de données clients", "data.analytics").build(),
                company("bilbo").in("BIZKAIA").speaks("es")
                        .offers("es", "Auditoría de ciberseguridad", "cybersecurity.audit")
                        .needs("es", "Análisis de datos", "data.analytics").build());

        PairScore cross = s.explain("itsaso", "baiona");
        PairScore sameSide = s.explain("itsaso", "bilbo");

        assertThat(cross.partnerAnswers()).isGreaterThan(0.8);
        assertThat(cross.companyAnswers()).isGreaterThan(0.8);
        assertThat(cross.crossBorder()).isTrue();
        assertThat(cross.factors().get("crossBorder")).isEqualTo(1.25);
        assertThat(cross.score()).isBetween(0.0, 1.0);
        // same complementarity, but the cross-border pair ranks first even without a shared language
        assertThat(cross.score()).isGreaterThan(sameSide.score());
        assertThat(s.finder.top("itsaso", 10, false).orElseThrow()).extracting(p -> p.partner().id())
                .containsExactly("baiona", "bilbo");
        assertThat(s.finder.top("itsaso", 10, true).orElseThrow()).extracting(p -> p.partner().id())
                .containsExactly("baiona");
        assertThat(MatchReason.of(cross)).extracting(MatchReason::code).contains(MatchReason.PARTNER_OFFER_ANSWERS_NEED,
                MatchReason.OWN_OFFER_ANSWERS_PARTNER_NEED, MatchReason.CROSS_BORDER, MatchReason.NO_SHARED_LANGUAGE);
    }

    @Test
    void noSharedLanguageIsAFlaggedReasonWithAMildWeight() {
        Scoring s = new Scoring().add(basqueAuditNeed("itsaso").build(),
                company("fr-only").in("LAPURDI").speaks("fr").offers("fr", "Audit", "cybersecurity.audit")
                        .needs("fr", "Analyse", "data.analytics").build(),
                company("fr-es").in("LAPURDI").speaks("fr", "es").offers("fr", "Audit", "cybersecurity.audit")
                        .needs("fr", "Analyse", "data.analytics").build());

        PairScore none = s.explain("itsaso", "fr-only");
        PairScore shared = s.explain("itsaso", "fr-es");

        assertThat(none.factors().get("languages")).isEqualTo(0.85);
        assertThat(none.score() / shared.score()).isCloseTo(0.85, within(1e-9));
        MatchReason flagged = MatchReason.of(none).stream()
                .filter(r -> r.code().equals(MatchReason.NO_SHARED_LANGUAGE)).findFirst().orElseThrow();
        assertThat(flagged.flagged()).isTrue();
        assertThat(MatchReason.of(shared)).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo(MatchReason.SHARED_LANGUAGES);
            assertThat(r.params()).containsEntry("languages", "es");
        });
    }

    @Test
    void oneEmptyDirectionLowersTheScoreButDoesNotVetoIt() {
        Scoring s = new Scoring().add(basqueAuditNeed("itsaso").build(),
                company("both").in("LAPURDI").speaks("fr", "eu").offers("fr", "Audit", "cybersecurity.audit")
                        .needs("fr", "Analyse", "data.analytics").build(),
                company("one-way").in("LAPURDI").speaks("fr", "eu").offers("fr", "Audit", "cybersecurity.audit")
                        .needs("fr", "Recrutement", "hr.recruitment").build());

        PairScore oneWay = s.explain("itsaso", "one-way");
        assertThat(oneWay.companyAnswers()).isZero();
        assertThat(oneWay.partnerAnswers()).isGreaterThan(0.8);
        assertThat(oneWay.score()).isGreaterThan(0.1);
        assertThat(oneWay.score()).isLessThan(s.score("itsaso", "both") / 2);
        assertThat(MatchReason.of(oneWay)).extracting(MatchReason::code).contains(MatchReason.ONLY_PARTNER_ANSWERS);
        // and from the other side: it is still listed for the one-way partner
        assertThat(s.finder.top("one-way", 5, false).orElseThrow()).extracting(p -> p.partner().id()).contains("itsaso");

        // with ε = 0 the plain harmonic mean vetoes
        MatchingProperties d = MatchingProperties.defaults();
        MatchingProperties plain = new MatchingProperties(d.concepts(), d.text(), d.direction(),
                new MatchingProperties.Reciprocity(0), d.factors(), d.notification(), d.listing());
        Scoring strict = new Scoring(plain).add(basqueAuditNeed("itsaso").build(),
                company("one-way").in("LAPURDI").speaks("fr").offers("fr", "Audit", "cybersecurity.audit")
                        .needs("fr", "Recrutement", "hr.recruitment").build());
        assertThat(strict.score("itsaso", "one-way")).isZero();
    }

    @Test
    void theSmoothedHarmonicMeanIsOneForAPerfectPairAndSymmetric() {
        MatchScorer scorer = new MatchScorer(MatchingProperties.defaults());
        assertThat(scorer.reciprocal(1, 1)).isCloseTo(1, within(1e-12));
        assertThat(scorer.reciprocal(0, 0)).isZero();
        assertThat(scorer.reciprocal(1, 0)).isCloseTo(2 * 1.25 * 0.25 / 1.5 - 0.25, within(1e-12));
        assertThat(scorer.reciprocal(0.3, 0.9)).isCloseTo(scorer.reciprocal(0.9, 0.3), within(1e-12));
        assertThat(scorer.reciprocal(0.6, 0.6)).isGreaterThan(scorer.reciprocal(0.9, 0.3));
    }

    @Test
    void parentAndChildConceptsEarnPartialCreditAndSiblingsOnlyWhenConfigured() {
        MatchingProperties d = MatchingProperties.defaults();
        Scoring byDefault = new Scoring().add(
                company("need").needs("en", "Security", "cybersecurity.audit").build(),
                company("sibling").offers("en", "Pentest", "cybersecurity.training").build());
        assertThat(byDefault.explain("need", "sibling").partnerOffers()).isEmpty();
        assertThat(byDefault.finder.top("need", 10, false).orElseThrow()).isEmpty();

        MatchingProperties siblings = new MatchingProperties(new MatchingProperties.Concepts(0.5, 2, 0.5, 0.05, 20),
                d.text(), d.direction(), d.reciprocity(), d.factors(), d.notification(), d.listing());
        Scoring s = new Scoring(siblings).add(
                company("need").needs("en", "Security", "cybersecurity.audit").offers("en", "x", "legal.contracts").build(),
                company("exact").offers("en", "Pentest", "cybersecurity.audit").build(),
                company("parent").offers("en", "Pentest", "cybersecurity").build(),
                company("sibling").offers("en", "Pentest", "cybersecurity.training").build(),
                company("other").offers("en", "Pentest", "cloud.hosting").build());

        assertThat(s.explain("need", "exact").partnerOffers().get(0).conceptSimilarity()).isCloseTo(1, within(1e-9));
        assertThat(s.explain("need", "parent").partnerOffers().get(0).conceptSimilarity()).isCloseTo(0.5, within(1e-9));
        assertThat(s.explain("need", "sibling").partnerOffers().get(0).conceptSimilarity()).isCloseTo(0.25, within(1e-9));
        assertThat(s.explain("need", "other").partnerOffers()).allSatisfy(m -> assertThat(m.conceptSimilarity()).isZero());
        assertThat(s.finder.top("need", 10, false).orElseThrow()).extracting(p -> p.partner().id())
                .containsExactly("exact", "parent", "sibling");
    }

    @Test
    void rareConceptsWeighMoreThanCommonOnesInALargePopulation() {
        Scoring s = new Scoring();
        s.add(company("seeker").needs("en", "help", "cloud.kubernetes", "cloud.hosting").build());
        // 30 companies need cloud.hosting: it is common; cloud.kubernetes is held by one company only
        for (int i = 0; i < 30; i++) {
            s.add(company("filler" + i).needs("en", "hosting", "cloud.hosting").build());
        }
        s.add(company("k8s").offers("en", "Kubernetes operations", "cloud.kubernetes").build(),
                company("hoster").offers("en", "Web hosting", "cloud.hosting").build());

        double k8s = s.explain("seeker", "k8s").partnerAnswers();
        double hoster = s.explain("seeker", "hoster").partnerAnswers();
        assertThat(k8s).isGreaterThan(hoster);
    }

    @Test
    void sharedTermsWithoutSharedConceptsCountALittle() {
        Scoring s = new Scoring().add(
                company("a").needs("en", "Kubernetes migration", "cloud.migration").offers("en", "Kubernetes training",
                        "training.courses").build(),
                company("b").offers("en", "Kubernetes consulting", "consulting.devops")
                        .needs("en", "Kubernetes courses", "hr.recruitment").build());

        PairScore pair = s.explain("a", "b");
        assertThat(pair.score()).isGreaterThan(0).isLessThan(0.2);
        assertThat(pair.partnerOffers().get(0).sharedStems()).contains("kubernet");
        assertThat(MatchReason.of(pair)).extracting(MatchReason::code).contains(MatchReason.TEXT_OVERLAP);
    }

    @Test
    void cooperationSectorAndSizeFactorsApply() {
        Scoring s = new Scoring().add(
                company("a").nace("62.01").size("MICRO").needs("en", "Reseller", List.of("DISTRIBUTOR"), "business.distribution")
                        .offers("en", "App", "software.mobile").build(),
                company("fit").nace("62.02").size("SMALL").offers("en", "Reseller", List.of("DISTRIBUTOR"), "business.distribution")
                        .needs("en", "App", "software.mobile").build(),
                company("misfit").nace("47.91").size("LARGE").offers("en", "Reseller", List.of("SUPPLIER"), "business.distribution")
                        .needs("en", "App", "software.mobile").build());

        PairScore fit = s.explain("a", "fit");
        PairScore misfit = s.explain("a", "misfit");
        assertThat(fit.factors()).containsEntry("cooperation", 1.10).containsEntry("sector", 1.05).containsEntry("size", 1.0);
        assertThat(misfit.factors()).containsEntry("cooperation", 0.90).containsEntry("sector", 1.0);
        assertThat(misfit.factors().get("size")).isCloseTo(0.90, within(1e-9));
        assertThat(fit.score()).isGreaterThan(misfit.score());
        assertThat(fit.score()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theFastRankingScoreEqualsTheExplainedScore() {
        Scoring s = new Scoring();
        SyntheticPopulation.generate(150, 10, 3).forEach(s::add);
        s.add(company("coop-a").needs("en", "Reseller", List.of("DISTRIBUTOR"), "business.distribution")
                .offers("en", "App", List.of("SUPPLIER"), "software.mobile").build(),
                company("coop-b").offers("en", "Reseller", List.of("PARTNER"), "business.distribution")
                        .needs("en", "App", List.of("SUPPLIER"), "software").build());
        s.directory.read(() -> {
            for (var a : s.directory.profilesUnlocked()) {
                for (var b : s.directory.profilesUnlocked()) {
                    double fast = s.scorer.score(s.directory, a, b);
                    assertThat(fast).as(a.id() + "→" + b.id()).isCloseTo(s.scorer.explain(s.directory, a, b).score(),
                            within(1e-12));
                }
            }
            return null;
        });
    }
}
