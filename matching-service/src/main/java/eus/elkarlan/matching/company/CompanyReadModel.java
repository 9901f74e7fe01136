package eus.elkarlan.matching.company;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.matching.text.TextAnalysis;

/**
 * Applies company snapshots to the read model (MongoDB and the in-memory directory), idempotently:
 * a snapshot whose version is not above the stored one changes nothing, and an erased company stays
 * erased. Listeners are told about every effective change, so that matches follow.
 */
public class CompanyReadModel {

    private static final Logger log = LoggerFactory.getLogger(CompanyReadModel.class);

    private final MongoTemplate mongo;
    private final CompanyDirectory directory;
    private final TextAnalysis text;
    private final List<CompanyChangeListener> listeners;
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    public CompanyReadModel(MongoTemplate mongo, CompanyDirectory directory, TextAnalysis text,
            List<CompanyChangeListener> listeners) {
        this.mongo = mongo;
        this.directory = directory;
        this.text = text;
        this.listeners = listeners;
    }

    /** Fills the directory from MongoDB (at start, before the listeners consume). */
    public int load() {
        int[] count = {0};
        mongo.stream(Query.query(Criteria.where("erased").is(false)), StoredCompany.class).forEach(stored -> {
            directory.upsert(draft(stored));
            count[0]++;
        });
        Query markers = Query.query(Criteria.where("erased").is(true));
        markers.fields().include("_id");
        mongo.find(markers, org.bson.Document.class, "companies").forEach(d -> erased.add(d.getString("_id")));
        log.info("read model loaded: {} companies, {} erased", count[0], erased.size());
        return count[0];
    }

    /** Whether the snapshot changed anything. */
    public boolean apply(CompanySnapshot snapshot) {
        SnapshotValidator.validate(snapshot);
        StoredCompany current = mongo.findById(snapshot.companyId(), StoredCompany.class);
        if (current != null && (current.erased() || current.version() >= snapshot.version())) {
            return false;
        }
        StoredCompany stored = stored(snapshot);
        mongo.save(stored);
        // the replica group may already have put this version (or a newer one) in the directory
        CompanyProfile upserted = directory.upsertIfNewer(draft(stored));
        CompanyProfile profile = upserted != null ? upserted : directory.find(snapshot.companyId()).orElse(null);
        if (profile != null) {
            notify(l -> l.companyChanged(profile));
        }
        return true;
    }

    /** Erases a company: its data, its place in the directory, and (through the listeners) every match. */
    public void erase(String companyId) {
        SnapshotValidator.validateId(companyId);
        erased.add(companyId);
        mongo.save(StoredCompany.erasedMarker(companyId));
        directory.remove(companyId);
        notify(l -> l.companyErased(companyId));
    }

    /**
     * The replica path (a consumer group of this instance's own, see README.md): keeps this
     * instance's directory complete while the scoring, the store and the suggestions of each
     * company are handled by the instance that owns its partition. Idempotent by version.
     */
    public void applyToDirectory(CompanySnapshot snapshot) {
        SnapshotValidator.validate(snapshot);
        if (erased.contains(snapshot.companyId())) {
            return;
        }
        directory.upsertIfNewer(draft(stored(snapshot)));
    }

    /** The replica path of an erasure. */
    public void eraseFromDirectory(String companyId) {
        SnapshotValidator.validateId(companyId);
        erased.add(companyId);
        directory.remove(companyId);
    }

    private void notify(Consumer<CompanyChangeListener> event) {
        listeners.forEach(event);
    }

    private static StoredCompany stored(CompanySnapshot s) {
        return new StoredCompany(s.companyId(), s.ownerSubject(), s.legalName(), s.territory(), s.region(), s.languages(),
                s.sizeBand(), s.naceCode(), s.womenLed(), items(s.offers()), items(s.needs()), s.version(), false);
    }

    private static List<StoredCompany.StoredItem> items(List<CompanySnapshot.Item> items) {
        return items.stream().map(i -> new StoredCompany.StoredItem(i.id(), i.title(), i.description(), i.lang(),
                i.concepts(), i.cooperation())).toList();
    }

    private CompanyDraft draft(StoredCompany s) {
        return new CompanyDraft(s.id(), s.ownerSubject(), s.legalName(), s.territory(), s.region(), s.languages(),
                s.sizeBand(), s.naceCode(), s.womenLed(), draftItems(s.offers()), draftItems(s.needs()), s.version());
    }

    private List<CompanyDraft.DraftItem> draftItems(List<StoredCompany.StoredItem> items) {
        return items.stream().map(i -> CompanyDraft.item(i.id(), i.title(), i.description(), i.lang(), i.concepts(),
                i.cooperation(), text)).toList();
    }
}
