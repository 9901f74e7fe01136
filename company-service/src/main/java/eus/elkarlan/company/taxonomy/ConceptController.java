package eus.elkarlan.company.taxonomy;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.company.company.Languages;
import eus.elkarlan.company.system.ApiException;

/** The taxonomy and the recognition of its concepts in free text. */
@RestController
@RequestMapping("/api/v1/concepts")
class ConceptController {

    private final Taxonomy taxonomy;
    private final Languages languages;
    private final TaxonomyProperties properties;

    ConceptController(Taxonomy taxonomy, Languages languages, TaxonomyProperties properties) {
        this.taxonomy = taxonomy;
        this.languages = languages;
        this.properties = properties;
    }

    /** A concept with its label and synonyms in the asked language and its labels in all four. */
    record ConceptView(String code, String parent, String label, List<String> synonyms, java.util.Map<String, String> labels) {
        static ConceptView of(Concept c, Lang lang) {
            java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
            for (Lang l : Lang.values()) {
                labels.put(l.code(), c.label(l));
            }
            return new ConceptView(c.code(), c.parent(), c.label(lang), c.synonyms().getOrDefault(lang, List.of()), labels);
        }
    }

    record ConceptList(String taxonomyVersion, String lang, List<ConceptView> items, int totalItems) {
    }

    record Suggestion(String code, String label, String matchedLang, List<String> matchedStems) {
    }

    record Suggestions(String text, String lang, List<Suggestion> items) {
    }

    @GetMapping
    ConceptList list(@RequestParam(required = false) String lang,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication authentication) {
        Lang language = languages.resolve(lang, acceptLanguage, authentication);
        List<ConceptView> items = taxonomy.concepts().stream().map(c -> ConceptView.of(c, language)).toList();
        return new ConceptList(taxonomy.version(), language.code(), items, items.size());
    }

    /**
     * Concepts recognised in a free text. {@code lang} names the text's language (and the labels'
     * language); without it the text is read in all four languages and labels follow
     * {@code Accept-Language}.
     */
    @GetMapping("/suggest")
    Suggestions suggest(@RequestParam(required = false) String text, @RequestParam(required = false) String lang,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Authentication authentication) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text", "is required");
        }
        if (text.length() > properties.maxTextLength()) {
            throw ApiException.invalid("text", "must have at most " + properties.maxTextLength() + " characters");
        }
        Lang textLang = lang == null || lang.isBlank() ? null
                : Lang.of(lang).orElseThrow(() -> ApiException.invalid("lang", "must be one of eu, fr, es, en"));
        Lang labelLang = textLang != null ? textLang : languages.resolve(null, acceptLanguage, authentication);
        List<Suggestion> items = taxonomy.suggest(text, textLang).stream()
                .map(h -> new Suggestion(h.concept().code(), h.concept().label(labelLang), h.lang().code(), List.copyOf(h.stems())))
                .toList();
        return new Suggestions(text, textLang == null ? null : textLang.code(), items);
    }
}
