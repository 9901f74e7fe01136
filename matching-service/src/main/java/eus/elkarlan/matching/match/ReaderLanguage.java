package eus.elkarlan.matching.match;

import java.util.List;
import java.util.Locale;

import eus.elkarlan.matching.system.InvalidParameterException;

/** The reader's language: {@code lang} wins over {@code Accept-Language}, then a fallback, then {@code en}. */
public final class ReaderLanguage {

    private ReaderLanguage() {
    }

    public static String resolve(String lang, String acceptLanguage, List<String> fallbacks) {
        if (lang != null && !lang.isBlank()) {
            String code = lang.trim().toLowerCase(Locale.ROOT);
            if (!ReasonTexts.LANGUAGES.contains(code)) {
                throw new InvalidParameterException("lang", "must be one of eu, fr, es, en");
            }
            return code;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String code = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (range.getWeight() > 0 && ReasonTexts.LANGUAGES.contains(code)) {
                        return code;
                    }
                }
            }
            catch (IllegalArgumentException ignored) {
                // a malformed header counts as absent
            }
        }
        for (String code : fallbacks) {
            if (ReasonTexts.LANGUAGES.contains(code)) {
                return code;
            }
        }
        return "en";
    }
}
