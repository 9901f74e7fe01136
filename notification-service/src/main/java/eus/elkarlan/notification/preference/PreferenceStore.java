package eus.elkarlan.notification.preference;

import java.util.EnumSet;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.template.NotificationKind;

/** The recipients' mail preferences. */
@Component
public class PreferenceStore {

    private final MongoTemplate mongo;

    PreferenceStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Preferences of(String subject) {
        Preferences stored = subject == null ? null : mongo.findById(subject, Preferences.class);
        return stored == null ? Preferences.none(subject) : stored;
    }

    public Preferences save(Preferences preferences) {
        return mongo.save(preferences);
    }

    public void unsubscribe(String subject, NotificationKind kind) {
        mongo.upsert(Query.query(Criteria.where("_id").is(subject)), new Update().addToSet("unsubscribed", kind),
                Preferences.class);
    }

    static EnumSet<NotificationKind> copy(java.util.Collection<NotificationKind> kinds) {
        return kinds == null || kinds.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(kinds);
    }
}
