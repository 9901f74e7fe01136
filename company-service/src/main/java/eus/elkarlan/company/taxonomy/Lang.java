package eus.elkarlan.company.taxonomy;

import java.util.Locale;
import java.util.Optional;

/** The four working languages of the platform. */
public enum Lang {
    EU, FR, ES, EN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Lang> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Lang lang : values()) {
            if (lang.code().equals(code)) {
                return Optional.of(lang);
            }
        }
        return Optional.empty();
    }
}
