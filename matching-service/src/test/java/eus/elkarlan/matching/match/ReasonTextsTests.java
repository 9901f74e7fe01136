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
                        + "(zibersegurtasuna (cybersecurity.audit)).",
                "Mugaz gaindiko bazkidea: Lapurdi (Iparralde), mugaren beste aldean.")
                .anyMatch(t -> t.startsWith("Ez duzue lan-hizkuntza komunik (zureak: euskara, gaztelania; haienak: frantsesa)"));
    }

    @Test
    void reasonsReadInFrench() {
        assertThat(render("fr")).contains(
                "Leur offre « Audit de cybersécurité » répond à votre besoin « Zibersegurtasun auditoria » "
                        + "(cybersécurité (cybersecurity.audit)).",
                "Votre offre « Datu analitika » répond à leur besoin « Analyse de données » (données (data.analytics)).")
                .anyMatch(t -> t.startsWith("Partenaire transfrontalier : Labourd"));
    }

    @Test
    void reasonsReadInSpanish() {
        assertThat(render("es")).contains(
                "La oferta «Audit de cybersécurité» de esta empresa responde a su necesidad «Zibersegurtasun auditoria» "
                        + "(ciberseguridad (cybersecurity.audit)).")
                .anyMatch(t -> t.startsWith("Socio transfronterizo: Labort"))
                .anyMatch(t -> t.startsWith("Ningún idioma de trabajo en común (los suyos: euskera, español;"));
    }

    @Test
    void reasonsReadInEnglish() {
        assertThat(render("en")).contains(
                "Their offer “Audit de cybersécurité” answers your need “Zibersegurtasun auditoria” "
                        + "(cybersecurity (cybersecurity.audit)).",
                "Cross-border partner: Labourd (Iparralde, French Basque Country), on the other side of the border.");
    }

    @Test
    void theReaderLanguageComesFromLangThenAcceptLanguageThenTheCompany() {
        assertThat(ReaderLanguage.resolve("FR", "es-ES,es;q=0.9", List.of("eu"))).isEqualTo("fr");
        assertThat(ReaderLanguage.resolve(null, "de-DE,es;q=0.8", List.of("eu"))).isEqualTo("es");
        assertThat(ReaderLanguage.resolve(null, null, List.of("eu", "es"))).isEqualTo("eu");
        assertThat(ReaderLanguage.resolve(null, "de", List.of())).isEqualTo("en");
    }
}
