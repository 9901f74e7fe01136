package eus.elkarlan.company.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The taxonomy file and concept recognition on a table of phrases in the four languages. */
class TaxonomySuggestTests {

    static Taxonomy taxonomy;

    @BeforeAll
    static void load() {
        taxonomy = new Taxonomy(new TextAnalysis(), new TaxonomyProperties("classpath:eus/elkarlan/contracts/taxonomy/taxonomy-v1.tsv", 10, 2000));
    }

    static List<String[]> table() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                TaxonomySuggestTests.class.getResourceAsStream("/suggest-phrases.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        return rows;
    }

    static Stream<Arguments> phrases() throws Exception {
        return table().stream().map(r -> Arguments.of(r[0], r[1], r[2]));
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @MethodSource("phrases")
    void recognisesTheExpectedConcepts(String lang, String text, String expected) {
        List<String> found = taxonomy.conceptCodes(text, Lang.of(lang).orElseThrow());
        assertThat(found).containsAll(Arrays.asList(expected.split(",")));
    }

    @ParameterizedTest(name = "[any language] {1} -> {2}")
    @MethodSource("phrases")
    void recognisesTheExpectedConceptsWithoutBeingToldTheLanguage(String lang, String text, String expected) {
        assertThat(taxonomy.conceptCodes(text, null)).containsAll(Arrays.asList(expected.split(",")));
    }

    @Test
    void theTableHasAtLeastFifteenPhrasesPerLanguageAndSixtyInAll() throws Exception {
        Map<Lang, Integer> perLanguage = new EnumMap<>(Lang.class);
        List<String[]> rows = table();
        rows.forEach(r -> perLanguage.merge(Lang.of(r[0]).orElseThrow(), 1, Integer::sum));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        assertThat(perLanguage.values()).allMatch(n -> n >= 15).hasSize(4);
    }

    @Test
    void theFourWaysOfSayingSecurityAuditMeetOnOneConcept() {
        assertThat(taxonomy.conceptCodes("zibersegurtasun auditoria", Lang.EU)).first().isEqualTo("cybersecurity.audit");
        assertThat(taxonomy.conceptCodes("audit de cybersécurité", Lang.FR)).first().isEqualTo("cybersecurity.audit");
        assertThat(taxonomy.conceptCodes("auditoría de ciberseguridad", Lang.ES)).first().isEqualTo("cybersecurity.audit");
        assertThat(taxonomy.conceptCodes("security audit", Lang.EN)).first().isEqualTo("cybersecurity.audit");
    }

    @Test
    void theTaxonomyHoldsAtLeast150ConceptsLabelledInFourLanguagesWithKnownParents() {
        assertThat(taxonomy.concepts()).hasSizeGreaterThanOrEqualTo(150);
        for (Concept concept : taxonomy.concepts()) {
            assertThat(concept.labels()).as(concept.code()).hasSize(4);
            if (concept.parent() != null) {
                assertThat(taxonomy.exists(concept.parent())).isTrue();
            }
        }
        assertThat(taxonomy.version()).isEqualTo("1");
    }

    @Test
    void aTextWithoutDigitalVocabularyYieldsNothing() {
        assertThat(taxonomy.conceptCodes("the weather is nice today", Lang.EN)).isEmpty();
        assertThat(taxonomy.conceptCodes("gaur eguraldi ona dago", Lang.EU)).isEmpty();
    }
}
