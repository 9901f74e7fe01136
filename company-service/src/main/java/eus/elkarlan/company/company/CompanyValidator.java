package eus.elkarlan.company.company;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import eus.elkarlan.company.company.CompanyRequest.ItemRequest;
import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.company.system.FieldError;
import eus.elkarlan.company.taxonomy.Lang;
import eus.elkarlan.company.taxonomy.Taxonomy;

/**
 * Checks every field of a {@link CompanyRequest} and reports all wrong fields at once; turns a
 * valid request into a normalized {@link Profile}, deriving the concepts of offers and needs
 * sent without any.
 */
@Component
public class CompanyValidator {

    static final List<String> SIZE_BANDS = List.of("MICRO", "SMALL", "MEDIUM", "LARGE");
    static final List<String> NACE_VERSIONS = List.of("NACE_REV2", "NACE_REV2_1");
    static final List<String> COOPERATION = List.of("SUPPLIER", "CUSTOMER", "PARTNER", "DISTRIBUTOR",
            "SUBCONTRACTOR", "JOINT_VENTURE", "RESEARCH", "INVESTOR");
    static final List<String> SCHEMES = List.of(LegalIdentifiers.FR_SIREN, LegalIdentifiers.FR_SIRET, LegalIdentifiers.ES_NIF);

    // NACE Rev. 2: division (2 digits), group (one more digit) or class (two); an optional section letter
    private static final Pattern NACE = Pattern.compile("([A-U])?(\\d{2})(\\.\\d{1,2})?");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-]{5,24}");
    private static final Pattern POSTAL = Pattern.compile("\\d{5}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    private static final Pattern CONTROL_SINGLE_LINE = Pattern.compile("\\p{Cc}");

    private final CompanyProperties limits;
    private final Taxonomy taxonomy;

    public CompanyValidator(CompanyProperties limits, Taxonomy taxonomy) {
        this.limits = limits;
        this.taxonomy = taxonomy;
    }

    /**
     * @param previous the stored profile on a replacement (to keep item ids), else {@code null}
     */
    public Profile validate(CompanyRequest r, Profile previous) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            throw ApiException.invalid("", "a body is required");
        }
        String legalName = line(errors, "legalName", r.legalName(), 2, limits.maxNameLength(), true);

        Territory territory = null;
        if (blank(r.territory())) {
            errors.add(new FieldError("territory", "is required"));
        }
        else {
            territory = Territory.of(r.territory()).orElse(null);
            if (territory == null) {
                errors.add(new FieldError("territory", "must be one of " + Territory.names()));
            }
        }

        Profile.LegalId legalId = null;
        if (r.legalId() == null) {
            errors.add(new FieldError("legalId", "is required"));
        }
        else {
            String scheme = r.legalId().scheme();
            String value = LegalIdentifiers.normalize(r.legalId().value());
            boolean schemeOk = false;
            if (blank(scheme)) {
                errors.add(new FieldError("legalId.scheme", "is required"));
            }
            else if (!SCHEMES.contains(scheme)) {
                errors.add(new FieldError("legalId.scheme", "must be one of " + SCHEMES));
            }
            else if (territory != null && !territory.country().equals(LegalIdentifiers.country(scheme))) {
                errors.add(new FieldError("legalId.scheme", "a company in " + territory + " has a "
                        + (territory.country().equals("FR") ? "FR_SIREN or FR_SIRET" : "ES_NIF") + " identifier"));
            }
            else {
                schemeOk = true;
            }
            if (blank(value)) {
                errors.add(new FieldError("legalId.value", "is required"));
            }
            else if (schemeOk) {
                String problem = LegalIdentifiers.problem(scheme, value);
                if (problem != null) {
                    errors.add(new FieldError("legalId.value", problem));
                }
                else {
                    legalId = new Profile.LegalId(scheme, value);
                }
            }
        }

        String city = line(errors, "city", r.city(), 1, limits.maxCityLength(), true);
        String postalCode = r.postalCode() == null ? null : r.postalCode().trim();
        if (blank(postalCode)) {
            errors.add(new FieldError("postalCode", "is required"));
        }
        else if (!POSTAL.matcher(postalCode).matches()) {
            errors.add(new FieldError("postalCode", "must have 5 digits"));
        }
        else if (territory != null && !postalCode.startsWith(territory.postalPrefix())) {
            errors.add(new FieldError("postalCode", "a postal code in " + territory + " starts with " + territory.postalPrefix()));
        }

        String website = null;
        if (!blank(r.website())) {
            website = r.website().trim();
            if (website.length() > limits.maxUrlLength() || !isWebUrl(website)) {
                errors.add(new FieldError("website", "must be an http or https URL of at most " + limits.maxUrlLength() + " characters"));
            }
        }

        if (blank(r.sizeBand())) {
            errors.add(new FieldError("sizeBand", "is required"));
        }
        else if (!SIZE_BANDS.contains(r.sizeBand())) {
            errors.add(new FieldError("sizeBand", "must be one of " + SIZE_BANDS));
        }

        String naceCode = null;
        if (blank(r.naceCode())) {
            errors.add(new FieldError("naceCode", "is required"));
        }
        else {
            var m = NACE.matcher(r.naceCode().trim());
            int division = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (division < 1 || division > 99) {
                errors.add(new FieldError("naceCode", "must be a NACE code such as 62.02 (division, group or class)"));
            }
            else {
                naceCode = m.group(2) + (m.group(3) == null ? "" : m.group(3));
            }
        }
        String naceVersion = blank(r.naceVersion()) ? "NACE_REV2" : r.naceVersion();
        if (!NACE_VERSIONS.contains(naceVersion)) {
            errors.add(new FieldError("naceVersion", "must be one of " + NACE_VERSIONS));
        }

        List<String> languages = new ArrayList<>();
        if (r.languages() == null || r.languages().isEmpty()) {
            errors.add(new FieldError("languages", "at least one of eu, fr, es, en is required"));
        }
        else if (r.languages().size() > Lang.values().length) {
            errors.add(new FieldError("languages", "at most " + Lang.values().length + " languages"));
        }
        else {
            for (int i = 0; i < r.languages().size(); i++) {
                String code = r.languages().get(i);
                if (Lang.of(code).isEmpty()) {
                    errors.add(new FieldError("languages[" + i + "]", "must be one of eu, fr, es, en"));
                }
                else if (languages.contains(code)) {
                    errors.add(new FieldError("languages[" + i + "]", "is repeated"));
                }
                else {
                    languages.add(code);
                }
            }
        }

        Map<String, String> description = new LinkedHashMap<>();
        if (r.description() != null) {
            r.description().forEach((lang, text) -> {
                String field = "description." + lang;
                if (Lang.of(lang).isEmpty()) {
                    errors.add(new FieldError(field, "the language must be one of eu, fr, es, en"));
                }
                else if (text != null && !text.isBlank()) {
                    String value = text(errors, field, text, limits.maxTextLength());
                    if (value != null) {
                        description.put(lang, value);
                    }
                }
            });
        }

        Map<String, Profile.Item> previousItems = new LinkedHashMap<>();
        if (previous != null) {
            previous.offers().forEach(i -> previousItems.put(i.id(), i));
            previous.needs().forEach(i -> previousItems.put(i.id(), i));
        }
        Set<String> usedIds = new LinkedHashSet<>();
        List<Profile.Item> offers = items(errors, "offers", r.offers(), previousItems, usedIds);
        List<Profile.Item> needs = items(errors, "needs", r.needs(), previousItems, usedIds);
        if ((r.offers() == null || r.offers().isEmpty()) && (r.needs() == null || r.needs().isEmpty())) {
            errors.add(new FieldError("offers", "at least one offer or need is required"));
        }

        if (r.publicProfile() == null) {
            errors.add(new FieldError("publicProfile", "is required (true lists the company in the public directory)"));
        }

        Profile.Contact contact = null;
        if (r.contact() == null) {
            errors.add(new FieldError("contact", "is required"));
        }
        else {
            String email = r.contact().email() == null ? null : r.contact().email().trim();
            if (blank(email)) {
                errors.add(new FieldError("contact.email", "is required"));
            }
            else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("contact.email", "must be an e-mail address"));
            }
            String name = line(errors, "contact.name", r.contact().name(), 1, limits.maxNameLength(), false);
            String phone = null;
            if (!blank(r.contact().phone())) {
                phone = r.contact().phone().trim();
                if (!PHONE.matcher(phone).matches()) {
                    errors.add(new FieldError("contact.phone", "must be a phone number (digits, spaces, an optional leading +)"));
                }
            }
            contact = new Profile.Contact(name, email, phone);
        }

        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Profile(legalName, legalId, territory.name(), territory.region(), territory.country(), city,
                postalCode, website, r.sizeBand(), naceCode, naceVersion, List.copyOf(languages), Map.copyOf(description),
                offers, needs, r.womenLed(), r.publicProfile(), contact);
    }

    private List<Profile.Item> items(List<FieldError> errors, String field, List<ItemRequest> requests,
            Map<String, Profile.Item> previous, Set<String> usedIds) {
        List<Profile.Item> items = new ArrayList<>();
        if (requests == null) {
            return items;
        }
        if (requests.size() > limits.maxItems()) {
            errors.add(new FieldError(field, "at most " + limits.maxItems() + " items"));
            return items;
        }
        for (int i = 0; i < requests.size(); i++) {
            String path = field + "[" + i + "]";
            ItemRequest item = requests.get(i);
            if (item == null) {
                errors.add(new FieldError(path, "must be an object"));
                continue;
            }
            int before = errors.size();
            String title = line(errors, path + ".title", item.title(), 2, limits.maxTitleLength(), true);
            String description = blank(item.description()) ? null
                    : text(errors, path + ".description", item.description(), limits.maxTextLength());
            Lang lang = null;
            if (blank(item.lang())) {
                errors.add(new FieldError(path + ".lang", "is required"));
            }
            else {
                lang = Lang.of(item.lang()).orElse(null);
                if (lang == null) {
                    errors.add(new FieldError(path + ".lang", "must be one of eu, fr, es, en"));
                }
            }
            List<String> concepts = new ArrayList<>();
            if (item.concepts() != null) {
                if (item.concepts().size() > limits.maxConceptsPerItem()) {
                    errors.add(new FieldError(path + ".concepts", "at most " + limits.maxConceptsPerItem() + " concepts"));
                }
                else {
                    for (int c = 0; c < item.concepts().size(); c++) {
                        String code = item.concepts().get(c);
                        if (!taxonomy.exists(code)) {
                            errors.add(new FieldError(path + ".concepts[" + c + "]", "is not a concept of the taxonomy"));
                        }
                        else if (!concepts.contains(code)) {
                            concepts.add(code);
                        }
                    }
                }
            }
            List<String> cooperation = new ArrayList<>();
            if (item.cooperation() != null) {
                if (item.cooperation().size() > limits.maxCooperation()) {
                    errors.add(new FieldError(path + ".cooperation", "at most " + limits.maxCooperation() + " types"));
                }
                else {
                    for (int c = 0; c < item.cooperation().size(); c++) {
                        String type = item.cooperation().get(c);
                        if (type == null || !COOPERATION.contains(type)) {
                            errors.add(new FieldError(path + ".cooperation[" + c + "]", "must be one of " + COOPERATION));
                        }
                        else if (!cooperation.contains(type)) {
                            cooperation.add(type);
                        }
                    }
                }
            }
            if (errors.size() > before) {
                continue;
            }
            boolean derived = false;
            if (item.concepts() == null || item.concepts().isEmpty()) {
                concepts = new ArrayList<>(taxonomy.conceptCodes(title + "\n" + (description == null ? "" : description), lang));
                concepts = concepts.size() > limits.maxConceptsPerItem() ? concepts.subList(0, limits.maxConceptsPerItem()) : concepts;
                derived = true;
            }
            String id = item.id() != null && previous.containsKey(item.id()) && usedIds.add(item.id()) ? item.id()
                    : UUID.randomUUID().toString();
            usedIds.add(id);
            items.add(new Profile.Item(id, title, description, lang.code(), List.copyOf(concepts), derived, List.copyOf(cooperation)));
        }
        return List.copyOf(items);
    }

    private static String line(List<FieldError> errors, String field, String value, int min, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String v = value.strip();
        if (CONTROL_SINGLE_LINE.matcher(v).find()) {
            errors.add(new FieldError(field, "must be one line without control characters"));
            return null;
        }
        int length = v.codePointCount(0, v.length());
        if (length < min || length > max) {
            errors.add(new FieldError(field, "must have " + min + " to " + max + " characters"));
            return null;
        }
        return v;
    }

    private static String text(List<FieldError> errors, String field, String value, int max) {
        String v = value.strip();
        if (CONTROL.matcher(v).find()) {
            errors.add(new FieldError(field, "must not hold control characters"));
            return null;
        }
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new FieldError(field, "must have at most " + max + " characters"));
            return null;
        }
        return v;
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getHost().contains(".") && uri.getUserInfo() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
