package eus.elkarlan.notification.feed;

import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The in-app feeds of every recipient. */
@Component
public class Feed {

    private final MongoTemplate mongo;

    Feed(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds the entry unless one with its id exists (a redelivered message). */
    public void add(FeedNotification notification) {
        try {
            mongo.insert(notification);
        }
        catch (DuplicateKeyException again) {
            // already there
        }
    }

    public List<FeedNotification> page(String recipientSubject, boolean unreadOnly, int page, int size) {
        return mongo.find(query(recipientSubject, unreadOnly).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) page * size).limit(size), FeedNotification.class);
    }

    public long count(String recipientSubject, boolean unreadOnly) {
        return mongo.count(query(recipientSubject, unreadOnly), FeedNotification.class);
    }

    /** Marks read an entry of this recipient; {@code null} when the recipient has no such entry. */
    public FeedNotification markRead(String id, String recipientSubject, Instant at) {
        Query mine = Query.query(Criteria.where("_id").is(id).and("recipientSubject").is(recipientSubject));
        FeedNotification current = mongo.findOne(mine, FeedNotification.class);
        if (current == null || current.readAt() != null) {
            return current;
        }
        return mongo.findAndModify(mine, Update.update("readAt", at), FindAndModifyOptions.options().returnNew(true),
                FeedNotification.class);
    }

    /** Erasure: the company's own entries go; others lose the params that named it. */
    public void erase(String companyId) {
        mongo.remove(Query.query(Criteria.where("companyId").is(companyId)), FeedNotification.class);
        Query naming = Query.query(Criteria.where("relatedCompanyIds").is(companyId));
        for (FeedNotification other : mongo.find(naming, FeedNotification.class)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(other.id())),
                    new Update().unset("params.partnerName").unset("params.fromName").unset("params.message")
                            .pull("relatedCompanyIds", companyId),
                    FeedNotification.class);
        }
    }

    public boolean isEmpty(String recipientSubject) {
        return !mongo.exists(Query.query(Criteria.where("recipientSubject").is(recipientSubject)),
                FeedNotification.class);
    }

    private static Query query(String recipientSubject, boolean unreadOnly) {
        Criteria criteria = Criteria.where("recipientSubject").is(recipientSubject);
        if (unreadOnly) {
            criteria = criteria.and("readAt").is(null);
        }
        return Query.query(criteria);
    }
}
