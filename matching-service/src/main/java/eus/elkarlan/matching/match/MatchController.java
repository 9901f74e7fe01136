package eus.elkarlan.matching.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.matching.company.CompanyProfile;
import eus.elkarlan.matching.system.InvalidParameterException;

/** The ranked, explained matches of a company: its owner, organizers and admins may read them. */
@RestController
@RequestMapping("/api/v1")
class MatchController {

    private final MatchFinder finder;
    private final ReasonTexts texts;
    private final MatchingProperties properties;

    MatchController(MatchFinder finder, ReasonTexts texts, MatchingProperties properties) {
        this.finder = finder;
        this.texts = texts;
        this.properties = properties;
    }

    /**
     * The best partners of company {@code id}: 404 when unknown, 403 for another company's user.
     *
     * @param limit           how many (default 20, clamped to 100)
     * @param crossBorderOnly only partners on the other side of the border
     * @param lang            language of the reasons (else Accept-Language, else the company's first working language)
     */
    @GetMapping("/companies/{id}/matches")
    @PreAuthorize("hasAnyRole('company', 'organizer', 'admin')")
    MatchList matches(@PathVariable String id, @RequestParam(required = false) Integer limit,
            @RequestParam(defaultValue = "false") boolean crossBorderOnly, @RequestParam(required = false) String lang,
            @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
            Authentication authentication) {
        CompanyProfile company = finder.directory().find(id).orElseThrow(() -> new MatchNotFoundException(id));
        if (!isStaff(authentication) && !company.ownerSubject().equals(authentication.getName())) {
            throw new NotYourCompanyException();
        }
        if (limit != null && limit < 1) {
            throw new InvalidParameterException("limit", "must be at least 1");
        }
        int n = Math.min(limit == null ? properties.listing().defaultLimit() : limit, properties.listing().maxLimit());
        String reader = ReaderLanguage.resolve(lang, acceptLanguage, company.languages());
        List<PairScore> pairs = finder.top(id, n, crossBorderOnly).orElseThrow(() -> new MatchNotFoundException(id));
        return new MatchList(id, reader, pairs.stream().map(p -> view(p, reader)).toList());
    }

    private static boolean isStaff(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_organizer") || a.getAuthority().equals("ROLE_admin"));
    }

    private MatchList.Match view(PairScore p, String lang) {
        List<MatchList.Reason> reasons = MatchReason.of(p).stream()
                .map(r -> new MatchList.Reason(r.code(), texts.render(r, lang), r.concepts(), r.flagged(),
                        new TreeMap<>(r.params())))
                .toList();
        List<MatchList.Item> items = new ArrayList<>();
        p.partnerOffers().forEach(m -> items.add(item("THEIR_OFFER_YOUR_NEED", m)));
        p.companyOffers().forEach(m -> items.add(item("YOUR_OFFER_THEIR_NEED", m)));
        Map<String, Double> factors = new TreeMap<>();
        p.factors().forEach((k, v) -> factors.put(k, round(v)));
        double e = properties.reciprocity().smoothing();
        String formula = String.format(Locale.ROOT,
                "R = 2(s1+ε)(s2+ε)/(s1+s2+2ε) − ε = %.4f with s1 = %.4f, s2 = %.4f, ε = %.2f; "
                        + "score = R × %.4f / %.4f = %.4f",
                p.reciprocal(), p.partnerAnswers(), p.companyAnswers(), e, p.factorProduct(), p.maxFactorProduct(),
                p.score());
        MatchList.Breakdown breakdown = new MatchList.Breakdown(round(p.partnerAnswers()), round(p.companyAnswers()),
                round(p.reciprocal()), e, factors, round(p.factorProduct()), round(p.maxFactorProduct()), formula, items);
        CompanyProfile partner = p.partner();
        return new MatchList.Match(partner.id(), partner.name(), round(p.score()), p.crossBorder(), partner.territory(),
                partner.region(), partner.languages(), partner.sizeBand(), reasons, breakdown);
    }

    private static MatchList.Item item(String direction, PairScore.ItemMatch m) {
        return new MatchList.Item(direction, m.need().title(), m.need().lang(), m.offer().title(), m.offer().lang(),
                round(m.conceptSimilarity()), round(m.textSimilarity()), round(m.strength()), m.concepts(),
                m.sharedStems());
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
