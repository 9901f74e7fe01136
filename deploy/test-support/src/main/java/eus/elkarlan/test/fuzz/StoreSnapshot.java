package eus.elkarlan.test.fuzz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import com.mongodb.client.MongoDatabase;

/**
 * Every document of every collection of a database, in a canonical form, so that two snapshots
 * compare equal exactly when nothing was stored, changed or removed in between.
 */
public final class StoreSnapshot {

    private final Map<String, Map<String, String>> collections;

    private StoreSnapshot(Map<String, Map<String, String>> collections) {
        this.collections = collections;
    }

    /** Reads the whole database, leaving out the named collections. */
    public static StoreSnapshot of(MongoDatabase database, Collection<String> ignoredCollections) {
        Map<String, Map<String, String>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (ignoredCollections.contains(name)) {
                continue;
            }
            Map<String, String> documents = new TreeMap<>();
            for (Document document : database.getCollection(name).find()) {
                documents.put(String.valueOf(document.get("_id")), document.toJson());
            }
            if (!documents.isEmpty()) {
                collections.put(name, documents);
            }
        }
        return new StoreSnapshot(collections);
    }

    /** What differs from {@code before}, such as {@code companies: changed [c-1], added [c-9]}; empty when equal. */
    public List<String> differencesFrom(StoreSnapshot before) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(collections.keySet());
        names.addAll(before.collections.keySet());
        for (String name : names) {
            Map<String, String> now = collections.getOrDefault(name, Map.of());
            Map<String, String> then = before.collections.getOrDefault(name, Map.of());
            if (now.equals(then)) {
                continue;
            }
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            now.forEach((id, json) -> {
                if (!then.containsKey(id)) {
                    added.add(id);
                }
                else if (!Objects.equals(then.get(id), json)) {
                    changed.add(id);
                }
            });
            then.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
            differences.add(name + ": added " + added + ", changed " + changed + ", removed " + removed);
        }
        return differences;
    }

    public int documentCount() {
        return collections.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreSnapshot s && s.collections.equals(collections);
    }

    @Override
    public int hashCode() {
        return collections.hashCode();
    }
}
