package eus.elkarlan.company.taxonomy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The curated taxonomy of digital-sector concepts, read from a versioned tab-separated file
 * ({@code code, parent, eu, fr, es, en}; each language cell is {@code label|synonym|…}), and the
 * recognition of its concepts in free text.
 *
 * <p>Every label and synonym is analysed with the analyzer of its language into a set of stems.
 * A phrase is found in a text when all its stems occur in the text's stems (word order and
 * inflection do not matter). Among the concepts found, one whose matched stems are a strict subset
 * of another's, or an ancestor of another found concept, is dropped: the most specific wins.
 */
@Component
public class Taxonomy {

    private final Map<String, Concept> concepts = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<Lang, List<Phrase>> phrases = new EnumMap<>(Lang.class);
    private final Map<Lang, Map<String, List<Phrase>>> phrasesByStem = new EnumMap<>(Lang.class);
    private final TextAnalysis analysis;
    private final TaxonomyProperties properties;
    private String version = "1";

    record Phrase(String code, Set<String> stems) {
    }

    /** A concept found in a text, with the stems that matched it. */
    public record Hit(Concept concept, Lang lang, Set<String> stems) {
    }

    public Taxonomy(TextAnalysis analysis, TaxonomyProperties properties) {
        this.analysis = analysis;
        this.properties = properties;
        load(new DefaultResourceLoader().getResource(properties.resource()));
        for (Lang lang : Lang.values()) {
            List<Phrase> list = new ArrayList<>();
            Map<String, List<Phrase>> byStem = new HashMap<>();
            for (Concept concept : concepts.values()) {
                List<String> names = new ArrayList<>();
                names.add(concept.labels().get(lang));
                names.addAll(concept.synonyms().getOrDefault(lang, List.of()));
                for (String name : names) {
                    Set<String> stems = new LinkedHashSet<>(analysis.stems(lang, name));
                    if (!stems.isEmpty()) {
                        Phrase phrase = new Phrase(concept.code(), stems);
                        list.add(phrase);
                        byStem.computeIfAbsent(stems.iterator().next(), k -> new ArrayList<>()).add(phrase);
                    }
                }
            }
            phrases.put(lang, list);
            phrasesByStem.put(lang, byStem);
        }
    }

    private void load(Resource resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("# version:")) {
                    version = line.substring("# version:".length()).trim();
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 6) {
                    throw new IllegalStateException("taxonomy line " + number + ": expected 6 cells, got " + cells.length);
                }
                Map<Lang, String> labels = new EnumMap<>(Lang.class);
                Map<Lang, List<String>> synonyms = new EnumMap<>(Lang.class);
                for (Lang lang : Lang.values()) {
                    List<String> names = Arrays.stream(cells[2 + lang.ordinal()].split("\\|")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList();
                    if (names.isEmpty()) {
                        throw new IllegalStateException("taxonomy line " + number + ": no " + lang.code() + " label");
                    }
                    labels.put(lang, names.get(0));
                    synonyms.put(lang, List.copyOf(names.subList(1, names.size())));
                }
                String code = cells[0].trim();
                String parent = cells[1].isBlank() ? null : cells[1].trim();
                if (concepts.containsKey(code)) {
                    throw new IllegalStateException("taxonomy line " + number + ": duplicate code " + code);
                }
                if (parent != null && !concepts.containsKey(parent)) {
                    throw new IllegalStateException("taxonomy line " + number + ": unknown parent " + parent);
                }
                concepts.put(code, new Concept(code, parent, Map.copyOf(labels), Map.copyOf(synonyms)));
                if (parent != null) {
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(code);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the taxonomy " + resource, ex);
        }
    }

    public String version() {
        return version;
    }

    public Collection<Concept> concepts() {
        return concepts.values();
    }

    public Optional<Concept> concept(String code) {
        return Optional.ofNullable(code == null ? null : concepts.get(code));
    }

    public boolean exists(String code) {
        return code != null && concepts.containsKey(code);
    }

    /** The concept and all its descendants. */
    public Set<String> withDescendants(String code) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(code));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (out.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return out;
    }

    /** The root ancestor of a concept (itself for a root). */
    public String root(String code) {
        Concept concept = concepts.get(code);
        while (concept != null && concept.parent() != null) {
            concept = concepts.get(concept.parent());
        }
        return concept == null ? code : concept.code();
    }

    private boolean isAncestor(String ancestor, String code) {
        Concept concept = concepts.get(code);
        while (concept != null && concept.parent() != null) {
            if (concept.parent().equals(ancestor)) {
                return true;
            }
            concept = concepts.get(concept.parent());
        }
        return false;
    }

    /**
     * The concepts found in a text. With a language, the text is read in that language and in
     * English (technical English words are common in every language); without one, in all four.
     */
    public List<Hit> suggest(String text, Lang lang) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String bounded = text.length() > properties.maxTextLength() ? text.substring(0, properties.maxTextLength()) : text;
        List<Lang> langs = lang == null ? List.of(Lang.values())
                : lang == Lang.EN ? List.of(Lang.EN) : List.of(lang, Lang.EN);
        // per concept, the union of the stems of all its names found in the text
        Map<String, Hit> best = new LinkedHashMap<>();
        for (Lang l : langs) {
            Set<String> stems = new HashSet<>(analysis.stems(l, bounded));
            Map<String, List<Phrase>> byStem = phrasesByStem.get(l);
            for (String stem : stems) {
                for (Phrase phrase : byStem.getOrDefault(stem, List.of())) {
                    if (stems.containsAll(phrase.stems())) {
                        Hit current = best.get(phrase.code());
                        if (current == null) {
                            best.put(phrase.code(), new Hit(concepts.get(phrase.code()), l, new LinkedHashSet<>(phrase.stems())));
                        }
                        else if (current.lang() == l) {
                            current.stems().addAll(phrase.stems());
                        }
                    }
                }
            }
        }
        List<Hit> hits = new ArrayList<>();
        best.values().forEach(h -> hits.add(new Hit(h.concept(), h.lang(), Set.copyOf(h.stems()))));
        List<Hit> kept = new ArrayList<>();
        for (Hit hit : hits) {
            boolean covered = false;
            for (Hit other : hits) {
                if (other == hit) {
                    continue;
                }
                // a parent never hides its child, even when it was named with more words
                boolean subset = other.lang() == hit.lang() && other.stems().size() > hit.stems().size()
                        && other.stems().containsAll(hit.stems())
                        && !isAncestor(other.concept().code(), hit.concept().code());
                if (subset || isAncestor(hit.concept().code(), other.concept().code())) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                kept.add(hit);
            }
        }
        kept.sort(Comparator.comparingInt((Hit h) -> -h.stems().size()).thenComparing(h -> h.concept().code()));
        return kept.size() > properties.maxSuggestions() ? kept.subList(0, properties.maxSuggestions()) : kept;
    }

    /** The codes of {@link #suggest}. */
    public List<String> conceptCodes(String text, Lang lang) {
        return suggest(text, lang).stream().map(h -> h.concept().code()).toList();
    }
}
