package eus.elkarlan.company.company;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import eus.elkarlan.company.metrics.CompanyMetrics;
import eus.elkarlan.company.outbox.PendingMessage;
import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;

/**
 * Registers, replaces and erases companies. Each change and its message go into the same
 * document write (the outbox); the relay sends the message afterwards.
 */
@Service
public class CompanyService {

    public static final String SOURCE = "/company-service";

    private final MongoTemplate mongo;
    private final CompanyValidator validator;
    private final Clock clock;
    private final CompanyMetrics metrics;

    public CompanyService(MongoTemplate mongo, CompanyValidator validator, CompanyMetrics metrics) {
        this.mongo = mongo;
        this.validator = validator;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationStartedEvent.class)
    void createIndexes() {
        var indexes = mongo.indexOps(CompanyDocument.class);
        indexes.createIndex(new Index("legalKey", Sort.Direction.ASC).unique().named("legalKey_unique"));
        indexes.createIndex(new Index("ownerKey", Sort.Direction.ASC).unique().named("ownerKey_unique"));
    }

    /** A live (not erased) company. */
    public Optional<CompanyDocument> find(String id) {
        CompanyDocument d = id == null ? null : mongo.findById(id, CompanyDocument.class);
        return d == null || d.erased() ? Optional.empty() : Optional.of(d);
    }

    public Optional<CompanyDocument> findByOwner(String subject) {
        return Optional.ofNullable(mongo.findOne(query(where("ownerKey").is(subject)), CompanyDocument.class));
    }

    /** Every live company (the demo seeding checks emptiness with it). */
    public long count() {
        return mongo.count(query(where("erased").is(false)), CompanyDocument.class);
    }

    public CompanyDocument register(String ownerSubject, CompanyRequest request) {
        Profile profile = validator.validate(request, null);
        // one company per owner and per legal identifier: the unique indexes refuse the insert (one
        // round trip to the store instead of three; see README "Registrations under load")
        Instant now = now();
        String id = UUID.randomUUID().toString();
        CompanyDocument draft = new CompanyDocument(id, profile.legalId().key(), ownerSubject, ownerSubject, profile, 1,
                now, now, false, List.of());
        PendingMessage message = PendingMessage.of(new Envelope(UUID.randomUUID().toString(), SOURCE, now,
                new CompanyRegistered(CompanySnapshots.of(draft))));
        CompanyDocument document = new CompanyDocument(id, draft.legalKey(), ownerSubject, ownerSubject, profile, 1,
                now, now, false, List.of(message));
        try {
            mongo.insert(document);
        }
        catch (DuplicateKeyException ex) {
            // the owner's conflict is reported first, whichever index refused
            if (findByOwner(ownerSubject).isPresent()) {
                throw ownerTaken();
            }
            throw duplicate(ex);
        }
        metrics.registered();
        return document;
    }

    /** Replaces the profile when {@code expectedVersion} is still current. */
    public CompanyDocument replace(CompanyDocument current, long expectedVersion, CompanyRequest request) {
        if (current.version() != expectedVersion) {
            throw stale();
        }
        Profile profile = validator.validate(request, current.profile());
        ensureLegalIdFree(profile, current.id());
        Instant now = now();
        long version = current.version() + 1;
        CompanyDocument next = new CompanyDocument(current.id(), profile.legalId().key(), current.ownerKey(),
                current.ownerSubject(), profile, version, current.createdAt(), now, false, List.of());
        PendingMessage message = PendingMessage.of(new Envelope(UUID.randomUUID().toString(), SOURCE, now,
                new CompanyUpdated(CompanySnapshots.of(next))));
        Update update = new Update().set("profile", profile).set("legalKey", next.legalKey()).set("version", version)
                .set("updatedAt", now).push("pendingMessages", message);
        CompanyDocument saved;
        try {
            saved = mongo.findAndModify(
                    query(where("_id").is(current.id()).and("version").is(expectedVersion).and("erased").is(false)),
                    update, FindAndModifyOptions.options().returnNew(true), CompanyDocument.class);
        }
        catch (DuplicateKeyException ex) {
            throw duplicate(ex);
        }
        if (saved == null) {
            if (find(current.id()).isEmpty()) {
                throw ApiException.notFound("The company");
            }
            throw stale();
        }
        return saved;
    }

    /**
     * Erases a company: the profile and every personal datum go in the same write that records the
     * {@code deleted} message and the tombstone; unsent snapshots are dropped with them.
     */
    public void erase(CompanyDocument current, Long expectedVersion) {
        Instant now = now();
        PendingMessage deleted = PendingMessage.of(new Envelope(UUID.randomUUID().toString(), SOURCE, now,
                new CompanyDeleted(current.id(), now)));
        PendingMessage tombstone = PendingMessage.tombstone(UUID.randomUUID().toString(), Topics.COMPANIES, current.id(), now);
        var criteria = where("_id").is(current.id()).and("erased").is(false);
        if (expectedVersion != null) {
            criteria = criteria.and("version").is(expectedVersion);
        }
        Update update = new Update().unset("profile").unset("ownerSubject").set("erased", true)
                .set("legalKey", "erased:" + current.id()).set("ownerKey", "erased:" + current.id())
                .set("version", current.version() + 1).set("updatedAt", now).unset("createdAt")
                .set("pendingMessages", List.of(deleted, tombstone));
        var result = mongo.updateFirst(query(criteria), update, CompanyDocument.class);
        if (result.getMatchedCount() == 0) {
            if (find(current.id()).isEmpty()) {
                throw ApiException.notFound("The company");
            }
            throw stale();
        }
        metrics.erased();
    }

    private void ensureLegalIdFree(Profile profile, String selfId) {
        CompanyDocument other = mongo.findOne(query(where("legalKey").is(profile.legalId().key())), CompanyDocument.class);
        if (other != null && !other.id().equals(selfId)) {
            throw legalIdTaken();
        }
    }

    private static ApiException duplicate(DuplicateKeyException ex) {
        String message = String.valueOf(ex.getMessage());
        if (message.contains("ownerKey")) {
            return ownerTaken();
        }
        return legalIdTaken();
    }

    private static ApiException ownerTaken() {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", "You have already registered a company; see GET /api/v1/companies/me.");
    }

    private static ApiException legalIdTaken() {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", "A company with this legal identifier is already registered.",
                List.of(new eus.elkarlan.company.system.FieldError("legalId.value", "is already registered")));
    }

    static ApiException stale() {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "Precondition Failed",
                "The company changed since you read it; read it again and retry with its new ETag.");
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
