package eus.elkarlan.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.notification.webhook.PartnerPayloads.PartnerView;
import tools.jackson.databind.json.JsonMapper;

/** Subscriptions and deliveries; the fan-out of a consumed message to the subscriptions of its type. */
@Component
public class Webhooks {

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    Webhooks(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.json = JsonMapper.builder().build();
        this.clock = clock;
    }

    /**
     * Stores one delivery per subscription of the message's type (paused ones too: they get it
     * when resumed). The delivery's id derives from the message id, so a redelivery adds nothing.
     */
    public void fanOut(Envelope envelope, boolean companyWasPublic) {
        Optional<PartnerView> view = PartnerPayloads.of(envelope, companyWasPublic);
        if (view.isEmpty()) {
            return;
        }
        String type = envelope.type().ceType();
        List<Subscription> subscriptions = mongo.find(Query.query(Criteria.where("types").is(type)), Subscription.class);
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", envelope.id());
        body.put("type", type);
        body.put("time", envelope.time().toString());
        if (view.get().subject() != null) {
            body.put("subject", view.get().subject());
        }
        body.put("data", view.get().data());
        String payload = json.writeValueAsString(body);
        Instant now = Instant.now(clock);
        for (Subscription subscription : subscriptions) {
            try {
                mongo.insert(new Delivery(deliveryId(envelope.id(), subscription.id()), subscription.id(),
                        subscription.ownerSubject(), envelope.id(), type, view.get().companyId(), payload,
                        Delivery.Status.PENDING, 0, now, now, null, List.of()));
            }
            catch (DuplicateKeyException again) {
                // recorded by an earlier delivery of the message
            }
        }
    }

    static String deliveryId(String messageId, String subscriptionId) {
        return UUID.nameUUIDFromBytes((messageId + "|" + subscriptionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Subscription save(Subscription subscription) {
        return mongo.save(subscription);
    }

    Optional<Subscription> subscription(String id) {
        return Optional.ofNullable(mongo.findById(id, Subscription.class));
    }

    Optional<Subscription> subscriptionOf(String id, String ownerSubject) {
        return subscription(id).filter(s -> s.ownerSubject().equals(ownerSubject));
    }

    List<Subscription> subscriptionsOf(String ownerSubject, int page, int size) {
        return mongo.find(Query.query(Criteria.where("ownerSubject").is(ownerSubject))
                .with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size), Subscription.class);
    }

    long countSubscriptionsOf(String ownerSubject) {
        return mongo.count(Query.query(Criteria.where("ownerSubject").is(ownerSubject)), Subscription.class);
    }

    void delete(String subscriptionId) {
        mongo.remove(Query.query(Criteria.where("subscriptionId").is(subscriptionId)), Delivery.class);
        mongo.remove(Query.query(Criteria.where("_id").is(subscriptionId)), Subscription.class);
    }

    List<String> activeSubscriptionIds() {
        Query active = Query.query(Criteria.where("status").is(Subscription.Status.ACTIVE));
        return mongo.find(active, org.bson.Document.class, "webhook_subscriptions").stream()
                .map(d -> d.getString("_id")).toList();
    }

    /** Takes one due delivery of an active subscription and hides it from other passes for the lease. */
    Optional<Delivery> claimDue(List<String> activeSubscriptions, Instant now, Instant leaseUntil) {
        if (activeSubscriptions.isEmpty()) {
            return Optional.empty();
        }
        Query due = Query.query(Criteria.where("status").is(Delivery.Status.PENDING).and("nextAttemptAt").lte(now)
                .and("subscriptionId").in(activeSubscriptions)).with(Sort.by("nextAttemptAt"));
        return Optional.ofNullable(mongo.findAndModify(due, Update.update("nextAttemptAt", leaseUntil),
                FindAndModifyOptions.options().returnNew(true), Delivery.class));
    }

    void recordOutcome(String deliveryId, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)), update, Delivery.class);
    }

    /** Counts a failed pass; returns the subscription as it is now. */
    Subscription failed(String subscriptionId) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(subscriptionId)),
                new Update().inc("consecutiveFailures", 1), FindAndModifyOptions.options().returnNew(true),
                Subscription.class);
    }

    void succeeded(String subscriptionId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscriptionId)), Update.update("consecutiveFailures", 0),
                Subscription.class);
    }

    /** Pauses an active subscription; {@code true} when this call paused it. */
    boolean pause(String subscriptionId, Instant at) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(subscriptionId).and("status")
                .is(Subscription.Status.ACTIVE)), new Update().set("status", Subscription.Status.PAUSED)
                        .set("pausedAt", at), Subscription.class).getModifiedCount() == 1;
    }

    void resume(String subscriptionId, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(subscriptionId)), new Update()
                .set("status", Subscription.Status.ACTIVE).set("consecutiveFailures", 0).unset("pausedAt"),
                Subscription.class);
        mongo.updateMulti(Query.query(Criteria.where("subscriptionId").is(subscriptionId).and("status")
                .is(Delivery.Status.PENDING)), Update.update("nextAttemptAt", now), Delivery.class);
    }

    List<Delivery> deliveries(String subscriptionId, Delivery.Status status, int page, int size) {
        return mongo.find(deliveriesQuery(subscriptionId, status).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) page * size).limit(size), Delivery.class);
    }

    long countDeliveries(String subscriptionId, Delivery.Status status) {
        return mongo.count(deliveriesQuery(subscriptionId, status), Delivery.class);
    }

    Optional<Delivery> delivery(String subscriptionId, String deliveryId) {
        return Optional.ofNullable(mongo.findById(deliveryId, Delivery.class))
                .filter(d -> d.subscriptionId().equals(subscriptionId));
    }

    /** Puts a delivery back in the queue, whatever became of it. */
    Delivery replay(String deliveryId, Instant now) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(deliveryId)), new Update()
                .set("status", Delivery.Status.PENDING).set("attempts", 0).set("nextAttemptAt", now)
                .unset("deliveredAt"), FindAndModifyOptions.options().returnNew(true), Delivery.class);
    }

    /** Erasure: deliveries that carry the company's data and are not out yet. */
    public void erase(String companyId) {
        mongo.remove(Query.query(Criteria.where("companyId").is(companyId).and("status").ne(Delivery.Status.DELIVERED)
                .and("type").ne(eus.elkarlan.contracts.MessageType.COMPANY_DELETED.ceType())), Delivery.class);
        // delivered ones keep their log, not the personal-free but company-identifying payload
        mongo.updateMulti(Query.query(Criteria.where("companyId").is(companyId).and("type")
                .ne(eus.elkarlan.contracts.MessageType.COMPANY_DELETED.ceType())), Update.update("payload", "{}"),
                Delivery.class);
    }

    private static Query deliveriesQuery(String subscriptionId, Delivery.Status status) {
        Criteria criteria = Criteria.where("subscriptionId").is(subscriptionId);
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        return Query.query(criteria);
    }
}
