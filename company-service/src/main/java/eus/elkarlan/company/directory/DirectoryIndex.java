package eus.elkarlan.company.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import eus.elkarlan.company.taxonomy.Lang;
import eus.elkarlan.company.taxonomy.Taxonomy;
import eus.elkarlan.company.taxonomy.TextAnalysis;
import eus.elkarlan.contracts.company.CompanySnapshot;

/**
 * The in-memory search index of the directory, fed from {@code elkarlan.companies}. For each
 * company it keeps the stems of its legal name, descriptions, offers and needs under the four
 * languages' analyzers, and its concepts with their ancestors. A query matches a company when
 * every query word (stemmed in any language) occurs in it, or when a concept recognised in the
 * query is one of the company's. Holds every company, public or not (open-data counts use them
 * all); the directory shows only public ones.
 */
@Component
public class DirectoryIndex {

    record Entry(CompanySnapshot company, Set<String> terms, Set<String> concepts, String foldedName, String sortName) {
    }

    /** A company found, with its relevance. */
    public record Found(CompanySnapshot company, int score, String sortName) {
    }

    public record Result(List<Found> items, int total) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    // inverted indexes: stem -> company ids, concept (with ancestors) -> company ids
    private final Map<String, Set<String>> byTerm = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byConcept = new ConcurrentHashMap<>();
    private final TextAnalysis analysis;
    private final Taxonomy taxonomy;

    public DirectoryIndex(TextAnalysis analysis, Taxonomy taxonomy) {
        this.analysis = analysis;
        this.taxonomy = taxonomy;
    }

    /** Adds or replaces a company unless the index already holds a newer version. */
    public synchronized void put(CompanySnapshot company) {
        String id = company.companyId();
        Entry old = entries.get(id);
        if (old != null && old.company().version() > company.version()) {
            return;
        }
        Entry entry = entry(company);
        entry.terms().forEach(t -> byTerm.computeIfAbsent(t, k -> ConcurrentHashMap.newKeySet()).add(id));
        entry.concepts().forEach(c -> byConcept.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(id));
        entries.put(id, entry);
        if (old != null) {
            unindex(id, old, entry);
        }
    }

    public synchronized void remove(String companyId) {
        Entry old = entries.remove(companyId);
        if (old != null) {
            unindex(companyId, old, null);
        }
    }

    private void unindex(String id, Entry old, Entry kept) {
        for (String t : old.terms()) {
            if (kept == null || !kept.terms().contains(t)) {
                byTerm.computeIfPresent(t, (k, ids) -> ids.remove(id) && ids.isEmpty() ? null : ids);
            }
        }
        for (String c : old.concepts()) {
            if (kept == null || !kept.concepts().contains(c)) {
                byConcept.computeIfPresent(c, (k, ids) -> ids.remove(id) && ids.isEmpty() ? null : ids);
            }
        }
    }

    public int size() {
        return entries.size();
    }

    public Collection<CompanySnapshot> companies() {
        return entries.values().stream().map(Entry::company).toList();
    }

    public CompanySnapshot get(String companyId) {
        Entry e = entries.get(companyId);
        return e == null ? null : e.company();
    }

    private Entry entry(CompanySnapshot c) {
        Set<String> terms = new HashSet<>();
        StringBuilder text = new StringBuilder(c.legalName()).append('\n').append(c.city() == null ? "" : c.city()).append('\n');
        c.description().values().forEach(d -> text.append(d).append('\n'));
        Set<String> concepts = new HashSet<>();
        for (List<CompanySnapshot.Item> items : List.of(c.offers(), c.needs())) {
            for (CompanySnapshot.Item item : items) {
                text.append(item.title()).append('\n');
                if (item.description() != null) {
                    text.append(item.description()).append('\n');
                }
                for (String code : item.concepts()) {
                    String current = code;
                    while (current != null && concepts.add(current)) {
                        current = taxonomy.concept(current).map(k -> k.parent()).orElse(null);
                    }
                }
            }
        }
        terms.addAll(analysis.allStems(text.toString()));
        String folded = String.join(" ", analysis.words(c.legalName()));
        return new Entry(c, Set.copyOf(terms), Set.copyOf(concepts), folded, c.legalName().toLowerCase(Locale.ROOT));
    }

    /**
     * Public companies matching the filters, best first, then by name.
     *
     * @param q         free text in any of the four languages, or {@code null}
     * @param territory a territory, or {@code null}
     * @param concept   a concept code (its descendants count), or {@code null}
     */
    public Result search(String q, String territory, String concept, int page, int size) {
        List<Set<String>> words = new ArrayList<>();
        Set<String> queryConcepts = Set.of();
        String foldedQuery = "";
        if (q != null && !q.isBlank()) {
            for (String word : new java.util.LinkedHashSet<>(analysis.words(q))) {
                Set<String> stems = new HashSet<>();
                boolean stop = false;
                for (Lang lang : Lang.values()) {
                    List<String> s = analysis.stems(lang, word);
                    if (s.isEmpty()) {
                        stop = true;
                        break;
                    }
                    stems.addAll(s);
                }
                if (!stop) {
                    words.add(stems);
                }
            }
            queryConcepts = new HashSet<>(taxonomy.conceptCodes(q, null));
            foldedQuery = String.join(" ", analysis.words(q));
        }
        boolean hasQuery = q != null && !q.isBlank();
        String conceptFilter = concept == null || concept.isBlank() ? null : concept;
        Comparator<Found> order = Comparator.comparingInt((Found f) -> -f.score()).thenComparing(Found::sortName)
                .thenComparing(f -> f.company().companyId());
        // keep only the best (page + 1) * size: a bounded heap whose head is the worst kept
        int keep = (int) Math.min(Integer.MAX_VALUE - 1L, (long) (page + 1) * size);
        PriorityQueue<Found> best = new PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
        int total = 0;
        Map<String, int[]> matchedWords = new java.util.HashMap<>();
        Map<String, int[]> matchedConcepts = new java.util.HashMap<>();
        Iterable<Entry> candidates;
        if (hasQuery) {
            for (Set<String> stems : words) {
                Set<String> ids = new HashSet<>();
                for (String stem : stems) {
                    ids.addAll(byTerm.getOrDefault(stem, Set.of()));
                }
                ids.forEach(id -> matchedWords.computeIfAbsent(id, k -> new int[1])[0]++);
            }
            for (String code : queryConcepts) {
                byConcept.getOrDefault(code, Set.of()).forEach(id -> matchedConcepts.computeIfAbsent(id, k -> new int[1])[0]++);
            }
            List<Entry> list = new ArrayList<>();
            Set<String> ids = new HashSet<>(matchedConcepts.keySet());
            matchedWords.forEach((id, n) -> {
                if (n[0] == words.size()) {
                    ids.add(id);
                }
            });
            for (String id : ids) {
                Entry e = entries.get(id);
                if (e != null) {
                    list.add(e);
                }
            }
            candidates = list;
        }
        else if (conceptFilter != null) {
            List<Entry> list = new ArrayList<>();
            for (String id : byConcept.getOrDefault(conceptFilter, Set.of())) {
                Entry e = entries.get(id);
                if (e != null) {
                    list.add(e);
                }
            }
            candidates = list;
        }
        else {
            candidates = entries.values();
        }
        for (Entry e : candidates) {
            CompanySnapshot c = e.company();
            if (!c.publicProfile() || (territory != null && !territory.equals(c.territory()))
                    || (conceptFilter != null && !e.concepts().contains(conceptFilter))) {
                continue;
            }
            int score = 0;
            if (hasQuery) {
                int[] w = matchedWords.get(c.companyId());
                int[] k = matchedConcepts.get(c.companyId());
                boolean nameHit = !foldedQuery.isEmpty() && e.foldedName().contains(foldedQuery);
                score = (w == null ? 0 : w[0]) + 2 * (k == null ? 0 : k[0]) + (nameHit ? 5 : 0);
            }
            Found f = new Found(c, score, e.sortName());
            total++;
            if (best.size() < keep) {
                best.add(f);
            }
            else if (order.compare(f, best.peek()) < 0) {
                best.poll();
                best.add(f);
            }
        }
        List<Found> found = new ArrayList<>(best);
        found.sort(order);
        int from = Math.min(found.size(), page * size);
        int to = Math.min(found.size(), from + size);
        return new Result(List.copyOf(found.subList(from, to)), total);
    }
}
