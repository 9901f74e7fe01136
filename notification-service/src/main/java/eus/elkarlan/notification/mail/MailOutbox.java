package eus.elkarlan.notification.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.mail.OutgoingMail.Status;

/** The stored mails: one document each, every transition a single conditional write. */
@Component
public class MailOutbox {

    private final MongoTemplate mongo;

    MailOutbox(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores the mail unless its id is there already (whatever its state: a sent mail stays sent). */
    public void enqueue(OutgoingMail mail) {
        try {
            mongo.insert(mail);
        }
        catch (DuplicateKeyException again) {
            // the same work recorded by an earlier delivery of the message
        }
    }

    /** Takes one due mail and hides it from other passes for the lease. */
    Optional<OutgoingMail> claimDue(Instant now, Instant leaseUntil) {
        Query due = Query.query(Criteria.where("status").is(Status.PENDING).and("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt"));
        return Optional.ofNullable(mongo.findAndModify(due, Update.update("nextAttemptAt", leaseUntil),
                FindAndModifyOptions.options().returnNew(true), OutgoingMail.class));
    }

    void markSent(String id, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.PENDING)),
                new Update().set("status", Status.SENT).set("sentAt", at).inc("attempts", 1).unset("lastError"),
                OutgoingMail.class);
    }

    void markAttemptFailed(String id, String error, Instant nextAttemptAt, boolean giveUp) {
        Update update = new Update().inc("attempts", 1).set("lastError", error).set("nextAttemptAt", nextAttemptAt);
        if (giveUp) {
            update.set("status", Status.FAILED);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.PENDING)), update,
                OutgoingMail.class);
    }

    List<String> companiesWithQueuedDigest() {
        return mongo.findDistinct(Query.query(Criteria.where("status").is(Status.DIGEST_QUEUED)), "companyId",
                OutgoingMail.class, String.class);
    }

    List<OutgoingMail> queuedForDigest(String companyId) {
        return mongo.find(Query.query(Criteria.where("status").is(Status.DIGEST_QUEUED).and("companyId").is(companyId))
                .with(Sort.by("createdAt")), OutgoingMail.class);
    }

    void markDigested(List<String> ids) {
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("status").is(Status.DIGEST_QUEUED)),
                Update.update("status", Status.DIGESTED), OutgoingMail.class);
    }

    /** Mails waiting to be sent (a gauge: grows during an SMTP outage). */
    long countPending() {
        return mongo.count(Query.query(Criteria.where("status").is(Status.PENDING)), OutgoingMail.class);
    }

    public Optional<OutgoingMail> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OutgoingMail.class));
    }

    /** Erasure: every mail to the company, sent or not (they hold its address). */
    public void erase(String companyId) {
        mongo.remove(Query.query(Criteria.where("companyId").is(companyId)), OutgoingMail.class);
    }
}
