package eus.elkarlan.matching.company;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory read model every instance keeps: all companies, compiled, with inverted indexes
 * from concepts (and their ancestors) and from text stems to the companies that offer or need
 * them, and the document frequency of each concept (for its specificity). A profile change
 * touches only the postings of that company; candidate partners are found from the postings.
 * Reads run in parallel under a read lock; changes take the write lock.
 */
public class CompanyDirectory {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ConceptTable concepts = new ConceptTable();
    private final Map<String, Integer> stemIds = new HashMap<>();
    private final Map<String, Integer> cooperationBits = new HashMap<>();
    private final List<String> stemTexts = new ArrayList<>();
    private final Map<String, CompanyProfile> byId = new HashMap<>();
    private final List<CompanyProfile> byOrdinal = new ArrayList<>();
    private final Deque<Integer> freeOrdinals = new ArrayDeque<>();
    private final List<BitSet> offerConcepts = new ArrayList<>();
    private final List<BitSet> needConcepts = new ArrayList<>();
    private final List<BitSet> offerStems = new ArrayList<>();
    private final List<BitSet> needStems = new ArrayList<>();
    private final List<BitSet> offerExact = new ArrayList<>();
    private final List<BitSet> needExact = new ArrayList<>();
    private final CompanyColumns columns = new CompanyColumns();
    private int[] conceptDf = new int[64];
    private volatile long changes;

    /** Runs {@code work} under the read lock: the directory does not change meanwhile. */
    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        }
        finally {
            lock.readLock().unlock();
        }
    }

    public Optional<CompanyProfile> find(String id) {
        return read(() -> Optional.ofNullable(byId.get(id)));
    }

    /** Number of companies. */
    public int population() {
        return read(byId::size);
    }

    /** Every company (a copy). */
    public List<CompanyProfile> all() {
        return read(() -> List.copyOf(byId.values()));
    }

    /** Adds or replaces a company. */
    public CompanyProfile upsert(CompanyDraft draft) {
        lock.writeLock().lock();
        try {
            CompanyProfile previous = byId.get(draft.id());
            int ordinal;
            if (previous != null) {
                unindex(previous);
                ordinal = previous.ordinal();
            }
            else {
                ordinal = freeOrdinals.isEmpty() ? byOrdinal.size() : freeOrdinals.pop();
            }
            List<CompanyProfile.Item> offers = compile(draft.offers());
            List<CompanyProfile.Item> needs = compile(draft.needs());
            PackedProfile packed = new PackedProfile(draft.region(), draft.languages(), draft.sizeBand(),
                    draft.naceCode(), new PackedProfile.Side(needs, cooperationMasks(needs)),
                    new PackedProfile.Side(offers, cooperationMasks(offers)));
            CompanyProfile profile = new CompanyProfile(draft.id(), ordinal, draft.ownerSubject(), draft.name(),
                    draft.territory(), draft.region(), List.copyOf(draft.languages()), draft.sizeBand(), draft.naceCode(),
                    draft.womenLed(), offers, needs, draft.version(), packed);
            if (ordinal == byOrdinal.size()) {
                byOrdinal.add(profile);
            }
            else {
                byOrdinal.set(ordinal, profile);
            }
            byId.put(profile.id(), profile);
            columns.set(ordinal, packed);
            index(profile);
            changes++;
            return profile;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds a company or replaces an older version of it; {@code null} when the directory holds this version or a newer one. */
    public CompanyProfile upsertIfNewer(CompanyDraft draft) {
        lock.writeLock().lock();
        try {
            CompanyProfile current = byId.get(draft.id());
            if (current != null && current.version() >= draft.version()) {
                return null;
            }
            return upsert(draft);
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a company; {@code false} when it was not there. */
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            CompanyProfile previous = byId.remove(id);
            if (previous == null) {
                return false;
            }
            unindex(previous);
            byOrdinal.set(previous.ordinal(), null);
            freeOrdinals.push(previous.ordinal());
            changes++;
            return true;
        }
        finally {
            lock.writeLock().unlock();
        }
    }

    // --- the methods below expect the caller to hold the read lock (see read) ---

    public ConceptTable concepts() {
        return concepts;
    }

    public String stem(int id) {
        return stemTexts.get(id);
    }

    public CompanyProfile byOrdinal(int ordinal) {
        return ordinal < byOrdinal.size() ? byOrdinal.get(ordinal) : null;
    }

    public CompanyProfile byIdUnlocked(String id) {
        return byId.get(id);
    }

    public Collection<CompanyProfile> profilesUnlocked() {
        return byId.values();
    }

    public int populationUnlocked() {
        return byId.size();
    }

    /** Grows with every change: lets readers cache what depends on the whole population. */
    public long changes() {
        return changes;
    }

    /** Companies holding this concept or a descendant in an offer or a need. */
    public int documentFrequency(int concept) {
        return concept < conceptDf.length ? conceptDf[concept] : 0;
    }

    /** Companies with an offer holding exactly this concept, or {@code null} (do not modify). */
    public BitSet offerHolders(int concept) {
        return concept < offerExact.size() ? offerExact.get(concept) : null;
    }

    /** Companies with a need holding exactly this concept, or {@code null} (do not modify). */
    public BitSet needHolders(int concept) {
        return concept < needExact.size() ? needExact.get(concept) : null;
    }

    /** Flat per-ordinal copies of what ranking reads of every candidate (valid for ordinals in use). */
    public CompanyColumns columns() {
        return columns;
    }

    /** One more than the highest ordinal in use. */
    public int ordinalLimit() {
        return byOrdinal.size();
    }

    /**
     * Companies that may complement {@code company} in at least one direction. Through concepts:
     * with {@code family} the whole top-level family of each concept (needed when siblings earn
     * credit), else only the concept's own line (itself, its ancestors and descendants). Through
     * text: the stems held by at most {@code maxStemCompanies} companies (commoner stems still
     * count in the score, but are too common to find partners by). Excludes the company itself.
     */
    public BitSet candidatesFor(CompanyProfile company, boolean family, int maxStemCompanies) {
        BitSet candidates = new BitSet(byOrdinal.size());
        for (CompanyProfile.Item need : company.needs()) {
            orConcepts(candidates, offerConcepts, offerExact, need.concepts(), family);
            orStems(candidates, offerStems, need.stems(), maxStemCompanies);
        }
        for (CompanyProfile.Item offer : company.offers()) {
            orConcepts(candidates, needConcepts, needExact, offer.concepts(), family);
            orStems(candidates, needStems, offer.stems(), maxStemCompanies);
        }
        candidates.clear(company.ordinal());
        return candidates;
    }

    private void orConcepts(BitSet target, List<BitSet> expanded, List<BitSet> exact, int[] itemConcepts,
            boolean family) {
        for (int concept : itemConcepts) {
            if (family) {
                or(target, expanded, concepts.root(concept));
                continue;
            }
            or(target, expanded, concept); // itself and its descendants
            for (int c = concepts.parent(concept); c >= 0; c = concepts.parent(c)) {
                or(target, exact, c); // its ancestors
            }
        }
    }

    private static void or(BitSet target, List<BitSet> postings, int id) {
        if (id < postings.size() && postings.get(id) != null) {
            target.or(postings.get(id));
        }
    }

    private static void orStems(BitSet target, List<BitSet> postings, int[] ids, int maxCompanies) {
        for (int id : ids) {
            if (id < postings.size() && postings.get(id) != null) {
                BitSet bits = postings.get(id);
                if (bits.cardinality() <= maxCompanies) {
                    target.or(bits);
                }
            }
        }
    }

    private List<CompanyProfile.Item> compile(List<CompanyDraft.DraftItem> items) {
        List<CompanyProfile.Item> compiled = new ArrayList<>(items.size());
        for (CompanyDraft.DraftItem item : items) {
            Set<String> codes = new LinkedHashSet<>(item.concepts());
            int[] conceptIds = codes.stream().mapToInt(concepts::intern).toArray();
            int[] stems = item.stems().stream().mapToInt(this::internStem).distinct().sorted().toArray();
            int[] families = Arrays.stream(conceptIds).map(concepts::root).toArray();
            compiled.add(new CompanyProfile.Item(item.id(), item.title(), item.lang(), conceptIds, families, List.copyOf(codes),
                    stems, Set.copyOf(item.cooperation())));
        }
        return List.copyOf(compiled);
    }

    /** One bit per cooperation type (exact up to 64 types, then types share bits). */
    private long[] cooperationMasks(List<CompanyProfile.Item> items) {
        long[] masks = new long[items.size()];
        for (int i = 0; i < masks.length; i++) {
            for (String type : items.get(i).cooperation()) {
                int bit = cooperationBits.computeIfAbsent(type, t -> cooperationBits.size());
                masks[i] |= 1L << (bit & 63);
            }
        }
        return masks;
    }

    private int internStem(String stem) {
        return stemIds.computeIfAbsent(stem, s -> {
            stemTexts.add(s);
            return stemTexts.size() - 1;
        });
    }

    private void index(CompanyProfile profile) {
        update(profile, true);
    }

    private void unindex(CompanyProfile profile) {
        update(profile, false);
    }

    private void update(CompanyProfile profile, boolean add) {
        Set<Integer> expandedAll = new HashSet<>();
        for (CompanyProfile.Item offer : profile.offers()) {
            for (int concept : offer.concepts()) {
                posting(offerExact, concept, profile.ordinal(), add);
                for (int c = concept; c >= 0; c = concepts.parent(c)) {
                    posting(offerConcepts, c, profile.ordinal(), add);
                    expandedAll.add(c);
                }
            }
            for (int stem : offer.stems()) {
                posting(offerStems, stem, profile.ordinal(), add);
            }
        }
        for (CompanyProfile.Item need : profile.needs()) {
            for (int concept : need.concepts()) {
                posting(needExact, concept, profile.ordinal(), add);
                for (int c = concept; c >= 0; c = concepts.parent(c)) {
                    posting(needConcepts, c, profile.ordinal(), add);
                    expandedAll.add(c);
                }
            }
            for (int stem : need.stems()) {
                posting(needStems, stem, profile.ordinal(), add);
            }
        }
        if (conceptDf.length < concepts.size()) {
            conceptDf = Arrays.copyOf(conceptDf, Math.max(concepts.size(), conceptDf.length * 2));
        }
        for (int c : expandedAll) {
            conceptDf[c] += add ? 1 : -1;
        }
    }

    private static void posting(List<BitSet> postings, int id, int ordinal, boolean add) {
        while (postings.size() <= id) {
            postings.add(null);
        }
        BitSet bits = postings.get(id);
        if (bits == null) {
            if (!add) {
                return;
            }
            bits = new BitSet();
            postings.set(id, bits);
        }
        bits.set(ordinal, add);
    }
}
