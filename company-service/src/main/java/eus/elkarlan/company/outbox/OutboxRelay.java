package eus.elkarlan.company.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.company.CompanyDocument;

/**
 * Relays the pending messages of company documents to Kafka, in order per company: send, wait for
 * the acknowledgement, then {@code $pull} the message by id. A failure leaves the message (and those
 * after it, to keep the order) for the next round; a crash between the send and the pull resends the
 * same {@code ce_id}, which consumers skip. An erased company's stub is removed once its
 * {@code deleted} message and tombstone are out.
 *
 * <p>A round works on a batch: one write leases every free document of the batch (so that two
 * instances never relay the same company at once), the first pending message of each is handed to
 * the producer before the relay waits for any acknowledgement (then the second of those that have
 * one, and so on), and one write releases the leases. A round thus costs one search for pending
 * messages, three writes or reads naming the batch's ids, and one pull per message, where it cost
 * the search plus, per company, a lease, a pull and a release in turn, with a wait for the broker
 * between them. (The MongoDB-wire server reads a whole collection, holding its lock, for any query
 * it cannot answer from a unique index; the lease and release named {@code _id} beside a condition,
 * which was such a query.)
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    static final String LEASE = "relayLeaseUntil";
    static final String LEASE_HOLDER = "relayLeaseHolder";

    private final MongoTemplate mongo;
    private final OutboxSender sender;
    private final OutboxProperties properties;

    public OutboxRelay(MongoTemplate mongo, OutboxSender sender, OutboxProperties properties) {
        this.mongo = mongo;
        this.sender = sender;
        this.properties = properties;
    }

    /** A company with pending messages, read as its id only. */
    record Pending(@Id String id) {
    }

    @Scheduled(fixedDelayString = "${elkarlan.company.outbox.poll-interval-ms:200}")
    public void relay() {
        List<Object> ids;
        try {
            Query pending = query(new Criteria("pendingMessages").elemMatch(where("id").exists(true))).limit(properties.batchSize());
            // mapped as the stored companies, read back as their ids only
            ids = mongo.query(CompanyDocument.class).as(Pending.class).matching(pending).all().stream()
                    .map(p -> (Object) p.id()).toList();
        }
        catch (RuntimeException ex) {
            log.warn("outbox: cannot read pending messages: {}", ex.toString());
            return;
        }
        if (ids.isEmpty()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plus(properties.lease());
        String holder = UUID.randomUUID().toString();
        try {
            mongo.updateMulti(query(where("_id").in(ids).orOperator(where(LEASE).exists(false), where(LEASE).lt(now))),
                    new Update().set(LEASE, until).set(LEASE_HOLDER, holder), CompanyDocument.class);
            // those another instance holds are left to it
            relayLeased(mongo.find(query(where("_id").in(ids).and(LEASE_HOLDER).is(holder)), CompanyDocument.class));
        }
        catch (RuntimeException ex) {
            log.warn("outbox: relay round failed, will retry: {}", ex.toString());
        }
        finally {
            try {
                mongo.updateMulti(query(where("_id").in(ids).and(LEASE_HOLDER).is(holder).and(LEASE).is(until)),
                        new Update().unset(LEASE).unset(LEASE_HOLDER), CompanyDocument.class);
            }
            catch (RuntimeException ex) {
                log.warn("outbox: cannot release leases (they lapse): {}", ex.toString());
            }
        }
    }

    /** Sends the k-th pending message of every leased document in wave k, pulling each once acknowledged. */
    private void relayLeased(List<CompanyDocument> documents) {
        List<CompanyDocument> open = new ArrayList<>(documents.stream().filter(d -> !d.pendingMessages().isEmpty()).toList());
        for (int wave = 0; !open.isEmpty(); wave++) {
            List<Map.Entry<CompanyDocument, CompletableFuture<?>>> sends = new ArrayList<>();
            for (CompanyDocument document : open) {
                PendingMessage message = document.pendingMessages().get(wave);
                try {
                    sends.add(Map.entry(document, sender.dispatch(message)));
                }
                catch (Exception ex) {
                    log.warn("outbox: send of {} for {} failed, will retry: {}", message.id(), message.key(), ex.toString());
                }
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            List<CompanyDocument> next = new ArrayList<>();
            for (var send : sends) {
                CompanyDocument document = send.getKey();
                PendingMessage message = document.pendingMessages().get(wave);
                try {
                    send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                catch (Exception ex) {
                    Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                    log.warn("outbox: send of {} for {} failed, will retry: {}", message.id(), message.key(), cause.toString());
                    continue;
                }
                CompanyDocument latest = mongo.findAndModify(query(where("_id").is(document.id())),
                        new Update().pull("pendingMessages", query(where("id").is(message.id())).getQueryObject()),
                        FindAndModifyOptions.options().returnNew(true), CompanyDocument.class);
                if (latest == null) {
                    continue;
                }
                if (wave + 1 < document.pendingMessages().size()) {
                    next.add(document);
                }
                else if (latest.erased() && latest.pendingMessages().isEmpty()) {
                    mongo.remove(query(where("_id").is(document.id()).and("erased").is(true)), CompanyDocument.class);
                }
            }
            open = next;
        }
    }
}
