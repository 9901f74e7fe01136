package eus.elkarlan.company.opendata;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Accepted meetings, counted for open data: one document per meeting ({@code _id} = meeting id,
 * so a message seen twice changes nothing), whether it crosses the border, and whether it was
 * cancelled. An erased company's id is removed from its meetings; the anonymous count stays.
 */
@Component
public class MeetingLedger {

    static final String COLLECTION = "meetings";

    private final MongoTemplate mongo;

    public MeetingLedger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void accepted(String meetingId, String eventId, String fromCompanyId, String toCompanyId, Boolean crossBorder) {
        Update update = new Update().setOnInsert("eventId", eventId)
                .setOnInsert("companyIds", List.of(fromCompanyId, toCompanyId))
                .setOnInsert("crossBorder", crossBorder).setOnInsert("acceptedAt", Instant.now())
                .setOnInsert("cancelled", false);
        mongo.upsert(query(where("_id").is(meetingId)), update, COLLECTION);
    }

    void cancelled(String meetingId) {
        mongo.updateFirst(query(where("_id").is(meetingId)), new Update().set("cancelled", true), COLLECTION);
    }

    /** The meetings a company takes part in (for its GDPR export). */
    public List<Document> involving(String companyId) {
        return mongo.find(query(where("companyIds").is(companyId)), Document.class, COLLECTION);
    }

    /** Removes a company's id from every meeting it took part in. */
    public void forget(String companyId) {
        mongo.updateMulti(query(where("companyIds").is(companyId)), new Update().pull("companyIds", companyId), COLLECTION);
    }

    long count(boolean crossBorderOnly) {
        Criteria criteria = where("cancelled").is(false);
        if (crossBorderOnly) {
            criteria = criteria.and("crossBorder").is(true);
        }
        return mongo.count(query(criteria), COLLECTION);
    }
}
