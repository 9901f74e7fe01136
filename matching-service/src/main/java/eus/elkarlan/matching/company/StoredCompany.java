package eus.elkarlan.matching.company;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The durable copy of the read model (MongoDB {@code matching.companies}), so that an instance
 * restarts without replaying the topic. No contact data. An erased company leaves a marker with
 * its id only, so that a late or replayed snapshot cannot bring it back.
 */
@Document("companies")
record StoredCompany(@Id String id, String ownerSubject, String legalName, String territory, String region,
        List<String> languages, String sizeBand, String naceCode, Boolean womenLed, List<StoredItem> offers,
        List<StoredItem> needs, long version, boolean erased) {

    static StoredCompany erasedMarker(String id) {
        return new StoredCompany(id, null, null, null, null, List.of(), null, null, null, List.of(), List.of(),
                Long.MAX_VALUE, true);
    }

    record StoredItem(String id, String title, String description, String lang, List<String> concepts,
            List<String> cooperation) {
    }
}
