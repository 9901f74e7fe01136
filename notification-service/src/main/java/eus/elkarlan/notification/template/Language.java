package eus.elkarlan.notification.template;

import java.util.List;
import java.util.Locale;

/** The four languages of the platform; {@code en} when nothing better is known. */
public final class Language {

    public static final List<String> SUPPORTED = List.of("eu", "fr", "es", "en");
    public static final String DEFAULT = "en";

    private Language() {
    }

    /** The first supported language of a preference list, else {@code null}. */
    public static String firstSupported(List<String> candidates) {
        if (candidates == null) {
            return null;
        }
        for (String candidate : candidates) {
            String lang = normalize(candidate);
            if (lang != null) {
                return lang;
            }
        }
        return null;
    }

    /** {@code eu-ES} → {@code eu}; {@code null} for a language the platform does not speak. */
    public static String normalize(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String lang = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return SUPPORTED.contains(lang) ? lang : null;
    }
}
