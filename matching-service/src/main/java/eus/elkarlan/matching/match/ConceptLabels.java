package eus.elkarlan.matching.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of the taxonomy's concepts in eu, fr, es and en, read from the shared vocabulary in
 * {@code contracts} (the file company-service derives and validates concepts with). Only the first
 * name of each cell is kept: the label; synonyms are company-service's business.
 */
public final class ConceptLabels {

    /** The taxonomy in the contracts jar. */
    public static final String RESOURCE = "/eus/elkarlan/contracts/taxonomy/taxonomy-v1.tsv";
    /** Column order of the file: code, parent, then these languages. */
    private static final List<String> COLUMNS = List.of("eu", "fr", "es", "en");

    private final Map<String, Map<String, String>> labels;

    private ConceptLabels(Map<String, Map<String, String>> labels) {
        this.labels = labels;
    }

    /** Reads {@link #RESOURCE}; fails when it is missing or malformed (a broken contract, not a runtime condition). */
    public static ConceptLabels load() {
        try (InputStream in = ConceptLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the taxonomy " + RESOURCE + " is not on the class path");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the taxonomy " + RESOURCE, ex);
        }
    }

    private static ConceptLabels read(BufferedReader reader) throws IOException {
        Map<String, Map<String, String>> labels = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 2 + COLUMNS.size()) {
                throw new IllegalStateException("taxonomy line " + number + ": expected 6 cells, got " + cells.length);
            }
            Map<String, String> byLang = new HashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                String label = cells[2 + i].split("\\|", 2)[0].trim();
                if (label.isEmpty()) {
                    throw new IllegalStateException("taxonomy line " + number + ": no " + COLUMNS.get(i) + " label");
                }
                byLang.put(COLUMNS.get(i), label);
            }
            labels.put(cells[0].trim(), Map.copyOf(byLang));
        }
        return new ConceptLabels(Map.copyOf(labels));
    }

    /** The label of a concept in {@code lang} (eu, fr, es, en), empty for a code outside the taxonomy. */
    public Optional<String> label(String code, String lang) {
        Map<String, String> byLang = labels.get(code);
        return byLang == null ? Optional.empty() : Optional.ofNullable(byLang.get(lang));
    }
}
