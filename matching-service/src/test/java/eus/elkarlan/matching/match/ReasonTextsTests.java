package eus.elkarlan.matching.match;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReasonTextsTests {

    private final ReasonTexts texts = new ReasonTexts();

    private PairScore pair() {
        Scoring s = new Scoring().add(
                company("itsaso").in("GIPUZKOA").speaks("eu", "es")
                        .needs("eu", "Zibersegurtasun auditoria", "cybersecurity.audit")
                        .offers("eu", "Datu analitika", "data.analytics").build(),
                company("baiona").in("LAPURDI").speaks("fr")
                        .offers("fr", "Audit de cybersécurité", "cybersecurity.audit")
                        .needs("fr", "Analyse de données", "data.analytics").build());
        return s.explain("itsaso", "baiona");
    }

    private List<String> render(String lang) {
        return MatchReason.of(pair()).stream().map(r -> texts.render(r, lang)).toList();
    }

    @Test
    void reasonsReadInBasque() {
        assertThat(render("eu")).contains(
                "Haien “Audit de cybersécurité” eskaintzak zure “Zibersegurtasun auditoria” beharrari erantzuten dio "
                        + "(Zibersegurtasun auditoria).",
                "Mugaz gaindiko bazkidea: Lapurdi (Iparralde), mugaren beste aldean.")
                .anyMatch(t -> t.startsWith("Ez duzue lan-hizkuntza komunik (zureak: euskara, gaztelania; haienak: frantsesa)"));
    }

    @Test
    void reasonsReadInFrench() {
        assertThat(render("fr")).contains(
                "Leur offre « Audit de cybersécurité » répond à votre besoin « Zibersegurtasun auditoria » "
                        + "(Audit de cybersécurité).",
                "Votre offre « Datu analitika » répond à leur besoin « Analyse de données » (données (data.analytics)).")
                .anyMatch(t -> t.startsWith("Partenaire transfrontalier : Labourd"));
    }

    @Test
    void reasonsReadInSpanish() {
        assertThat(render("es")).contains(
                "La oferta «Audit de cybersécurité» de esta empresa responde a su necesidad «Zibersegurtasun auditoria» "
                        + "(Auditoría de ciberseguridad).")
                .anyMatch(t -> t.startsWith("Socio transfronterizo: Labort"))
                .anyMatch(t -> t.startsWith("Ningún idioma de trabajo en común (los suyos: euskera, español;"));
    }

    @Test
    void reasonsReadInEnglish() {
        assertThat(render("en")).contains(
                "Their offer “Audit de cybersécurité” answers your need “Zibersegurtasun auditoria” "
                        + "(Cybersecurity audit).",
                "Cross-border partner: Labourd (Iparralde, French Basque Country), on the other side of the border.");
    }

    @Test
    void aConceptIsNamedByItsTaxonomyLabelInTheReadersLanguage() {
        // a leaf two levels down (software → software.web → software.cms), as the partner's offer and the need
        Scoring s = new Scoring().add(
                company("lapurdi-web").in("LAPURDI").speaks("fr").offers("fr", "Sites WordPress", "software.cms")
                        .needs("fr", "Traduction automatique", "langtech").build(),
                company("donostia").in("GIPUZKOA").speaks("eu").needs("eu", "Webgunea WordPress-ekin", "software.cms")
                        .offers("eu", "Itzulpen automatikoa", "langtech").build());
        MatchReason answers = MatchReason.of(s.explain("donostia", "lapurdi-web")).stream()
                .filter(r -> r.code().equals(MatchReason.PARTNER_OFFER_ANSWERS_NEED)).findFirst().orElseThrow();

        assertThat(answers.concepts()).containsExactly("software.cms");
        assertThat(texts.render(answers, "eu")).endsWith("(Eduki kudeaketa sistema).");
        assertThat(texts.render(answers, "fr")).endsWith("(Système de gestion de contenu).");
        assertThat(texts.render(answers, "es")).endsWith("(Gestor de contenidos).");
        assertThat(texts.render(answers, "en")).endsWith("(Content management system).");
    }

    @Test
    void aCodeOutsideTheTaxonomyIsShownWithItsFamilyLabel() {
        // data.analytics is not a concept of taxonomy v1: its family, data, names it
        assertThat(texts.conceptLabel("data.analytics", "fr")).isEqualTo("données (data.analytics)");
        assertThat(texts.conceptLabel("nothing.known", "eu")).isEqualTo("nothing.known");
        assertThat(texts.conceptLabel("cybersecurity.audit", "de")).isEqualTo("Cybersecurity audit");
    }

    @Test
    void theReaderLanguageComesFromLangThenAcceptLanguageThenTheCompany() {
        assertThat(ReaderLanguage.resolve("FR", "es-ES,es;q=0.9", List.of("eu"))).isEqualTo("fr");
        assertThat(ReaderLanguage.resolve(null, "de-DE,es;q=0.8", List.of("eu"))).isEqualTo("es");
        assertThat(ReaderLanguage.resolve(null, null, List.of("eu", "es"))).isEqualTo("eu");
        assertThat(ReaderLanguage.resolve(null, "de", List.of())).isEqualTo("en");
    }
}
