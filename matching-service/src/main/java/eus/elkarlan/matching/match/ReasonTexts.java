package eus.elkarlan.matching.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link MatchReason} as a sentence in eu, fr, es or en, from
 * {@code i18n/reasons_<lang>.properties}. Concepts are named by their taxonomy label in the
 * reader's language ({@link ConceptLabels}, e.g. "Auditoría de ciberseguridad"); a code outside
 * the taxonomy is shown with the label of its top-level family when there is one, e.g.
 * "ciberseguridad (cybersecurity.quantum)", else as it is.
 */
public class ReasonTexts {

    public static final Set<String> LANGUAGES = Set.of("eu", "fr", "es", "en");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final Map<String, Properties> bundles = new HashMap<>();
    private final ConceptLabels concepts;

    /** With the taxonomy of the contracts. */
    public ReasonTexts() {
        this(ConceptLabels.load());
    }

    public ReasonTexts(ConceptLabels concepts) {
        this.concepts = concepts;
        for (String lang : LANGUAGES) {
            Properties p = new Properties();
            try (InputStream in = ReasonTexts.class.getResourceAsStream("/i18n/reasons_" + lang + ".properties")) {
                p.load(in);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            bundles.put(lang, p);
        }
    }

    /** The sentence of a reason in {@code lang}. */
    public String render(MatchReason reason, String lang) {
        Properties p = bundle(lang);
        String template = p.getProperty(reason.code(), reason.code());
        Map<String, String> values = new HashMap<>(reason.params());
        values.put("concepts", conceptList(reason.concepts(), lang));
        values.computeIfPresent("languages", (k, v) -> languageList(v, p));
        values.computeIfPresent("ownLanguages", (k, v) -> languageList(v, p));
        values.computeIfPresent("partnerLanguages", (k, v) -> languageList(v, p));
        values.computeIfPresent("territory", (k, v) -> p.getProperty("territory." + v, v));
        values.computeIfPresent("ownTerritory", (k, v) -> p.getProperty("territory." + v, v));
        values.computeIfPresent("region", (k, v) -> p.getProperty("region." + v, v));
        values.computeIfPresent("ownSize", (k, v) -> p.getProperty("size." + v, v));
        values.computeIfPresent("partnerSize", (k, v) -> p.getProperty("size." + v, v));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The label of a concept in {@code lang}, e.g. "Cybersecurity audit"; for a code outside the
     * taxonomy, its family's label with the code, e.g. "cybersecurity (cybersecurity.quantum)".
     */
    public String conceptLabel(String code, String lang) {
        String known = lang == null ? "en" : lang.toLowerCase(Locale.ROOT);
        Optional<String> taxonomy = concepts.label(code, bundles.containsKey(known) ? known : "en");
        if (taxonomy.isPresent()) {
            return taxonomy.get();
        }
        int dot = code.indexOf('.');
        String family = dot < 0 ? code : code.substring(0, dot);
        String label = bundle(lang).getProperty("concept." + family);
        if (label == null) {
            label = concepts.label(family, bundles.containsKey(known) ? known : "en").orElse(null);
        }
        if (label == null) {
            return code;
        }
        return dot < 0 ? label : label + " (" + code + ")";
    }

    private String conceptList(List<String> codes, String lang) {
        List<String> labels = new ArrayList<>();
        for (String code : codes) {
            labels.add(conceptLabel(code, lang));
        }
        return String.join(", ", labels);
    }

    private static String languageList(String csv, Properties p) {
        List<String> names = new ArrayList<>();
        for (String code : csv.split(",")) {
            if (!code.isBlank()) {
                names.add(p.getProperty("lang." + code, code));
            }
        }
        return String.join(", ", names);
    }

    private Properties bundle(String lang) {
        return bundles.getOrDefault(lang == null ? "en" : lang.toLowerCase(Locale.ROOT), bundles.get("en"));
    }
}
