package eus.elkarlan.matching.company;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.company.CompanySnapshot;

/**
 * A consumed snapshot is untrusted input: anything outside the contract's vocabulary or sizes is
 * refused with {@link InvalidMessageException}, which sends the record to the dead-letter topic
 * without retries.
 */
final class SnapshotValidator {

    private static final Map<String, String> REGION_OF = Map.of("LAPURDI", "IPARRALDE", "BAXENABARRE", "IPARRALDE",
            "ZUBEROA", "IPARRALDE", "GIPUZKOA", "HEGOALDE", "BIZKAIA", "HEGOALDE", "ARABA", "HEGOALDE", "NAFARROA",
            "HEGOALDE");
    static final Set<String> LANGUAGES = Set.of("eu", "fr", "es", "en");
    private static final Set<String> SIZE_BANDS = Set.of("MICRO", "SMALL", "MEDIUM", "LARGE");
    private static final Pattern CONCEPT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,60}(\\.[a-z0-9][a-z0-9_-]{0,60}){0,5}");
    private static final Pattern COOPERATION = Pattern.compile("[A-Z][A-Z_]{0,39}");
    private static final Pattern NACE = Pattern.compile("\\d{2}(\\.\\d{1,2})?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_ITEMS = 50;
    private static final int MAX_CONCEPTS = 30;
    private static final int MAX_TITLE = 300;
    private static final int MAX_DESCRIPTION = 10_000;

    private SnapshotValidator() {
    }

    static void validate(CompanySnapshot s) {
        check(ID.matcher(s.companyId()).matches(), "companyId");
        check(s.ownerSubject().length() <= 200, "ownerSubject");
        check(s.legalName().length() <= MAX_TITLE, "legalName");
        check(s.region().equals(REGION_OF.get(s.territory())), "territory/region");
        check(!s.languages().isEmpty() && s.languages().size() <= LANGUAGES.size()
                && LANGUAGES.containsAll(s.languages()), "languages");
        check(s.sizeBand() == null || SIZE_BANDS.contains(s.sizeBand()), "sizeBand");
        check(s.naceCode() == null || NACE.matcher(s.naceCode()).matches(), "naceCode");
        check(s.version() >= 0, "version");
        items(s.offers(), "offers");
        items(s.needs(), "needs");
    }

    static void validateId(String companyId) {
        check(companyId != null && ID.matcher(companyId).matches(), "companyId");
    }

    private static void items(List<CompanySnapshot.Item> items, String field) {
        check(items.size() <= MAX_ITEMS, field);
        for (CompanySnapshot.Item item : items) {
            check(item.title().length() <= MAX_TITLE, field + ".title");
            check(item.description() == null || item.description().length() <= MAX_DESCRIPTION, field + ".description");
            check(LANGUAGES.contains(item.lang()), field + ".lang");
            check(item.concepts().size() <= MAX_CONCEPTS
                    && item.concepts().stream().allMatch(c -> c != null && CONCEPT.matcher(c).matches()), field + ".concepts");
            check(item.cooperation().size() <= MAX_CONCEPTS
                    && item.cooperation().stream().allMatch(c -> c != null && COOPERATION.matcher(c).matches()),
                    field + ".cooperation");
        }
    }

    private static void check(boolean ok, String field) {
        if (!ok) {
            throw new InvalidMessageException("invalid company snapshot: " + field);
        }
    }
}
