package eus.elkarlan.matching.audit;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyDraft;
import eus.elkarlan.matching.match.MatchFinder;
import eus.elkarlan.matching.match.MatchScorer;
import eus.elkarlan.matching.match.MatchingProperties;
import eus.elkarlan.matching.text.TextAnalysis;

/**
 * Four companies: A (Lapurdi, small, fr, women-led) needs cloud and offers cybersecurity; B
 * (Gipuzkoa, micro, eu+es) and C (Bizkaia, small, es) offer cloud and need cybersecurity; D
 * (Baxenabarre, large, fr+en, undeclared) shares nothing. Top-10 lists: A → [B, C], B → [A],
 * C → [A], D → []: 4 entries, A appears twice, B and C once, D never.
 */
class ExposureAuditTests {

    private AuditReport report() {
        TextAnalysis text = new TextAnalysis();
        CompanyDirectory directory = new CompanyDirectory();
        List<CompanySnapshot> population = List.of(
                company("A").in("LAPURDI").size("SMALL").speaks("fr").womenLed(true)
                        .needs("fr", "Hébergement", "cloud.hosting").offers("fr", "Pentest", "cybersecurity.pentest").build(),
                company("B").in("GIPUZKOA").size("MICRO").speaks("eu", "es").womenLed(false)
                        .offers("eu", "Ostatatzea", "cloud.hosting").needs("eu", "Erasoen proba", "cybersecurity.pentest").build(),
                company("C").in("BIZKAIA").size("SMALL").speaks("es").womenLed(false)
                        .offers("es", "Alojamiento", "cloud.hosting").needs("es", "Pruebas de intrusión", "cybersecurity.pentest").build(),
                company("D").in("BAXENABARRE").size("LARGE").speaks("fr", "en")
                        .offers("en", "Tourism guides", "tourism.guides").needs("en", "Legal advice", "legal.contracts").build());
        population.forEach(s -> directory.upsert(CompanyDraft.of(s, text)));
        MatchFinder finder = new MatchFinder(directory, new MatchScorer(MatchingProperties.defaults()));
        return new ExposureAudit(finder, 10, 0.05).report();
    }

    private static Map<String, AuditReport.GroupExposure> dimension(AuditReport report, String name) {
        return report.dimensions().get(name).stream()
                .collect(Collectors.toMap(AuditReport.GroupExposure::group, g -> g));
    }

    @Test
    void figuresMatchTheHandComputation() {
        AuditReport report = report();
        assertThat(report.population()).isEqualTo(4);
        assertThat(report.recommendations()).isEqualTo(4);
        assertThat(report.crossBorderShare()).isEqualTo(1.0);

        var region = dimension(report, "region");
        assertThat(region.get("IPARRALDE")).isEqualTo(new AuditReport.GroupExposure("IPARRALDE", 2, 0.5, 2, 0.5, 1.0));
        assertThat(region.get("HEGOALDE")).isEqualTo(new AuditReport.GroupExposure("HEGOALDE", 2, 0.5, 2, 0.5, 1.0));

        var territory = dimension(report, "territory");
        assertThat(territory.get("LAPURDI")).isEqualTo(new AuditReport.GroupExposure("LAPURDI", 1, 0.25, 2, 0.5, 2.0));
        assertThat(territory.get("BAXENABARRE").exposureRatio()).isEqualTo(0.0);
        assertThat(territory.get("GIPUZKOA").exposureRatio()).isEqualTo(1.0);

        var size = dimension(report, "sizeBand");
        assertThat(size.get("SMALL")).isEqualTo(new AuditReport.GroupExposure("SMALL", 2, 0.5, 3, 0.75, 1.5));
        assertThat(size.get("MICRO").exposureRatio()).isEqualTo(1.0);
        assertThat(size.get("LARGE").exposureRatio()).isEqualTo(0.0);

        var language = dimension(report, "language");
        assertThat(language.get("fr")).isEqualTo(new AuditReport.GroupExposure("fr", 2, 0.5, 2, 0.5, 1.0));
        assertThat(language.get("es")).isEqualTo(new AuditReport.GroupExposure("es", 2, 0.5, 2, 0.5, 1.0));
        assertThat(language.get("eu")).isEqualTo(new AuditReport.GroupExposure("eu", 1, 0.25, 1, 0.25, 1.0));
        assertThat(language.get("en")).isEqualTo(new AuditReport.GroupExposure("en", 1, 0.25, 0, 0.0, 0.0));

        var women = dimension(report, "womenLed");
        assertThat(women.get("true")).isEqualTo(new AuditReport.GroupExposure("true", 1, 0.25, 2, 0.5, 2.0));
        assertThat(women.get("false")).isEqualTo(new AuditReport.GroupExposure("false", 2, 0.5, 2, 0.5, 1.0));
        assertThat(women.get("undeclared")).isEqualTo(new AuditReport.GroupExposure("undeclared", 1, 0.25, 0, 0.0, 0.0));
    }
}
