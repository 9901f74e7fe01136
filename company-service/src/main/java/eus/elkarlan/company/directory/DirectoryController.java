package eus.elkarlan.company.directory;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.company.company.Languages;
import eus.elkarlan.company.company.Territory;
import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.company.system.Paging;
import eus.elkarlan.company.system.PagingProperties;
import eus.elkarlan.company.taxonomy.Lang;
import eus.elkarlan.company.taxonomy.Taxonomy;
import eus.elkarlan.contracts.company.CompanySnapshot;

/** The public directory of consenting profiles. */
@RestController
@RequestMapping("/api/v1/companies")
class DirectoryController {

    private final DirectoryIndex index;
    private final Taxonomy taxonomy;
    private final Languages languages;
    private final PagingProperties paging;

    DirectoryController(DirectoryIndex index, Taxonomy taxonomy, Languages languages, PagingProperties paging) {
        this.index = index;
        this.taxonomy = taxonomy;
        this.languages = languages;
        this.paging = paging;
    }

    record ItemSummary(String title, String lang, List<Concept> concepts) {
    }

    record Concept(String code, String label) {
    }

    /** One company in the directory, with its description and concept labels in the asked language. */
    record Listing(String id, String legalName, String territory, String region, String country, String city,
            String sizeBand, String naceCode, List<String> languages, String website, String description,
            String descriptionLang, List<ItemSummary> offers, List<ItemSummary> needs, int score) {
    }

    @GetMapping
    Paging<Listing> directory(@RequestParam(required = false) String q, @RequestParam(required = false) String territory,
            @RequestParam(required = false) String concept, @RequestParam(required = false) String lang,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
            Authentication authentication) {
        Lang language = languages.resolve(lang, acceptLanguage, authentication);
        if (territory != null && !territory.isBlank() && Territory.of(territory).isEmpty()) {
            throw ApiException.invalid("territory", "must be one of " + Territory.names());
        }
        if (concept != null && !concept.isBlank() && !taxonomy.exists(concept)) {
            throw ApiException.invalid("concept", "is not a concept of the taxonomy");
        }
        if (q != null && q.length() > 500) {
            throw ApiException.invalid("q", "must have at most 500 characters");
        }
        int p = paging.page(page);
        int s = paging.clamp(size);
        DirectoryIndex.Result result = index.search(q, blankToNull(territory), blankToNull(concept), p, s);
        List<Listing> items = result.items().stream().map(f -> listing(f, language)).toList();
        return Paging.of(items, p, s, result.total());
    }

    private Listing listing(DirectoryIndex.Found found, Lang lang) {
        CompanySnapshot c = found.company();
        Map<String, String> description = c.description();
        String descriptionLang = description.containsKey(lang.code()) ? lang.code()
                : c.languages().stream().filter(description::containsKey).findFirst()
                        .orElse(description.keySet().stream().findFirst().orElse(null));
        return new Listing(c.companyId(), c.legalName(), c.territory(), c.region(), c.country(), c.city(), c.sizeBand(),
                c.naceCode(), c.languages(), c.website(), descriptionLang == null ? null : description.get(descriptionLang),
                descriptionLang, items(c.offers(), lang), items(c.needs(), lang), found.score());
    }

    private List<ItemSummary> items(List<CompanySnapshot.Item> items, Lang lang) {
        return items.stream().map(i -> new ItemSummary(i.title(), i.lang(), i.concepts().stream()
                .map(code -> new Concept(code, taxonomy.concept(code).map(k -> k.label(lang)).orElse(code))).toList()))
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
