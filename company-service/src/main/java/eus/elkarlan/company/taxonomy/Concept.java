package eus.elkarlan.company.taxonomy;

import java.util.List;
import java.util.Map;

/**
 * A concept of the digital-sector taxonomy.
 *
 * @param code     stable code, e.g. {@code cybersecurity.audit}
 * @param parent   code of the parent, {@code null} for a root
 * @param labels   preferred label by language
 * @param synonyms other names by language
 */
public record Concept(String code, String parent, Map<Lang, String> labels, Map<Lang, List<String>> synonyms) {

    public String label(Lang lang) {
        return labels.getOrDefault(lang, labels.get(Lang.EN));
    }
}
