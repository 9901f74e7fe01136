package eus.elkarlan.notification.agenda;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.contracts.event.ScheduledMeeting;

/** The read model of events, scheduled meetings and open requests (from {@code elkarlan.events}). */
@Component
public class Agenda {

    private final MongoTemplate mongo;

    Agenda(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void apply(EventPublished event) {
        mongo.save(new EventInfo(event.eventId(), event.name(), event.venueName(), event.venueCity(), event.timeZone(),
                event.status()));
    }

    /** Keeps the event's name and venue when an event message arrives before {@code published} (or without it). */
    public void rememberEvent(String eventId, String name, String venueName, String timeZone) {
        Update update = new Update().setOnInsert("status", "OPEN");
        if (name != null) {
            update.set("name", name);
        }
        if (venueName != null) {
            update.set("venueName", venueName);
        }
        if (timeZone != null) {
            update.set("timeZone", timeZone);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(eventId)), update, EventInfo.class);
    }

    public Optional<EventInfo> event(String eventId) {
        return Optional.ofNullable(mongo.findById(eventId, EventInfo.class));
    }

    /**
     * Stores one company's view of a scheduled meeting. Reminders already sent are forgotten when
     * the meeting moved, so that the new time gets its own.
     */
    public void schedule(String eventId, ScheduledMeeting meeting, String companyId, int sequence) {
        String partner = meeting.companyIds().get(0).equals(companyId) ? meeting.companyIds().get(1)
                : meeting.companyIds().get(0);
        String id = AgendaEntry.idOf(meeting.meetingId(), companyId);
        AgendaEntry existing = mongo.findById(id, AgendaEntry.class);
        if (existing != null && existing.sequence() > sequence) {
            return; // an older publication arriving late
        }
        List<String> reminders = existing != null && existing.start().equals(meeting.start())
                ? existing.remindersSent() : new ArrayList<>();
        mongo.save(new AgendaEntry(id, meeting.meetingId(), eventId, companyId, partner, meeting.slot(),
                meeting.table(), meeting.start(), meeting.end(), sequence, reminders == null ? List.of() : reminders));
    }

    /** Drops the meetings of an event that a new publication no longer holds. */
    public void keepOnly(String eventId, Collection<String> meetingIds) {
        mongo.remove(Query.query(Criteria.where("eventId").is(eventId).and("meetingId").nin(meetingIds)),
                AgendaEntry.class);
    }

    public void unschedule(String meetingId) {
        mongo.remove(Query.query(Criteria.where("meetingId").is(meetingId)), AgendaEntry.class);
    }

    public List<AgendaEntry> meetingsOf(String meetingId) {
        return mongo.find(Query.query(Criteria.where("meetingId").is(meetingId)), AgendaEntry.class);
    }

    /** Meetings still ahead that start before {@code horizon}. */
    public List<AgendaEntry> upcoming(Instant now, Instant horizon) {
        return mongo.find(Query.query(Criteria.where("start").gt(now).lte(horizon)), AgendaEntry.class);
    }

    public void markReminded(String entryId, Collection<String> offsets) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entryId)),
                new Update().addToSet("remindersSent").each(offsets.toArray()), AgendaEntry.class);
    }

    public void requested(MeetingRequested request, Instant at) {
        try {
            mongo.insert(new OpenRequest(request.requestId(), request.eventId(), request.fromCompanyId(),
                    request.toCompanyId(), at, request.expiresAt(), false));
        }
        catch (DuplicateKeyException again) {
            // a redelivery: already open
        }
    }

    public void answered(String requestId) {
        mongo.remove(Query.query(Criteria.where("_id").is(requestId)), OpenRequest.class);
    }

    public List<OpenRequest> unansweredSince(Instant before) {
        return mongo.find(Query.query(Criteria.where("nudged").is(false).and("requestedAt").lte(before)),
                OpenRequest.class);
    }

    public void markNudged(String requestId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(requestId)), Update.update("nudged", true),
                OpenRequest.class);
    }

    /** Erasure: every meeting and request that involves the company. */
    public void erase(String companyId) {
        mongo.remove(Query.query(new Criteria().orOperator(Criteria.where("companyId").is(companyId),
                Criteria.where("partnerCompanyId").is(companyId))), AgendaEntry.class);
        mongo.remove(Query.query(new Criteria().orOperator(Criteria.where("fromCompanyId").is(companyId),
                Criteria.where("toCompanyId").is(companyId))), OpenRequest.class);
    }
}
