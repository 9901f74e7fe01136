package eus.elkarlan.company.company;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.company.taxonomy.Lang;

/**
 * The language of an answer: {@code lang} in the query wins over {@code Accept-Language}; the
 * default is the caller's company's first working language, else English.
 */
@Component
public class Languages {

    private final CompanyService companies;

    public Languages(CompanyService companies) {
        this.companies = companies;
    }

    public Lang resolve(String lang, String acceptLanguage, Authentication authentication) {
        if (lang != null && !lang.isBlank()) {
            return Lang.of(lang).orElseThrow(() -> ApiException.invalid("lang", "must be one of eu, fr, es, en"));
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String code = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    var found = Lang.of(code);
                    if (found.isPresent() && range.getWeight() > 0) {
                        return found.get();
                    }
                }
            }
            catch (IllegalArgumentException ex) {
                // a malformed header is ignored, as browsers' quirks are
            }
        }
        Caller caller = Caller.of(authentication);
        if (!caller.anonymous()) {
            var own = companies.findByOwner(caller.subject());
            if (own.isPresent() && !own.get().erased() && !own.get().profile().languages().isEmpty()) {
                return Lang.of(own.get().profile().languages().get(0)).orElse(Lang.EN);
            }
        }
        return Lang.EN;
    }
}
