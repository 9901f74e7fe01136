package eus.elkarlan.matching.company;

import java.util.List;
import java.util.Set;

import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.text.TextAnalysis;

/** A company as it enters the {@link CompanyDirectory}: validated, text already analysed, not yet interned. */
public record CompanyDraft(String id, String ownerSubject, String name, String territory, String region,
        List<String> languages, String sizeBand, String naceCode, Boolean womenLed, List<DraftItem> offers,
        List<DraftItem> needs, long version) {

    /** A draft of a validated snapshot (used by the read model, tests and the benchmark). */
    public static CompanyDraft of(CompanySnapshot s, TextAnalysis text) {
        return new CompanyDraft(s.companyId(), s.ownerSubject(), s.legalName(), s.territory(), s.region(), s.languages(),
                s.sizeBand(), s.naceCode(), s.womenLed(), items(s.offers(), text), items(s.needs(), text), s.version());
    }

    static List<DraftItem> items(List<CompanySnapshot.Item> items, TextAnalysis text) {
        return items.stream().map(i -> item(i.id(), i.title(), i.description(), i.lang(), i.concepts(), i.cooperation(),
                text)).toList();
    }

    static DraftItem item(String id, String title, String description, String lang, List<String> concepts,
            List<String> cooperation, TextAnalysis text) {
        return new DraftItem(id, title, lang, concepts,
                text.stems(title + (description == null ? "" : "\n" + description), lang), Set.copyOf(cooperation));
    }

    /** An offer or need with its concept codes and text stems. */
    public record DraftItem(String id, String title, String lang, List<String> concepts, Set<String> stems,
            Set<String> cooperation) {
    }
}
