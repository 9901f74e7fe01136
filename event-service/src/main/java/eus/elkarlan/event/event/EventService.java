package eus.elkarlan.event.event;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import eus.elkarlan.contracts.event.Slot;
import eus.elkarlan.event.company.KnownCompany;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.event.metrics.EventMetrics;
import eus.elkarlan.event.system.ApiException;
import eus.elkarlan.event.system.EventProperties;
import eus.elkarlan.event.system.Text;

/** Use cases of events, participants and meeting requests, with the object-level checks. */
@Service
public class EventService {

    private static final int ATTEMPTS = 5;

    private final EventRepository events;
    private final KnownCompanyRepository companies;
    private final MongoTemplate mongo;
    private final EventProperties properties;
    private final Clock clock;
    private final EventMetrics metrics;
    private final org.springframework.beans.factory.ObjectProvider<ScheduleGuard> scheduleGuard;
    private final org.springframework.context.ApplicationEventPublisher publisher;

    EventService(EventRepository events, KnownCompanyRepository companies, MongoTemplate mongo,
            EventProperties properties, Clock clock, EventMetrics metrics,
            org.springframework.beans.factory.ObjectProvider<ScheduleGuard> scheduleGuard,
            org.springframework.context.ApplicationEventPublisher publisher) {
        this.events = events;
        this.companies = companies;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.scheduleGuard = scheduleGuard;
        this.publisher = publisher;
    }

    /** A validated slot grid: the zone, the days as stored, the generated slots. */
    private record Grid(ZoneId zone, List<Event.Day> days, List<Slot> slots) {
    }

    public Event create(EventApi.CreateEvent body, String organizer) {
        Grid grid = grid(body);
        int cap = body.maxRequestsPerParticipant() != null ? body.maxRequestsPerParticipant()
                : properties.defaultMaxRequests();
        Event event = Event.create(Text.clean(body.name()), Text.clean(body.venue().name()),
                Text.clean(body.venue().city()), grid.zone().getId(), grid.days(), body.slotMinutes(), body.tables(),
                body.registrationDeadline().toInstant(), cap, organizer, grid.slots(), clock.instant());
        return events.save(event);
    }

    /**
     * The organizer edits its event ({@code PUT}, the whole body as for creation). Checks in the
     * order of DESIGN.md's HTTP rules: 404, 403 (not this event's organizer), 428 (no
     * {@code If-Match}), 412 (stale), 400 (fields), then 409 (what the participants, meetings and
     * schedule already hold forbids it).
     */
    public Event update(String eventId, EventApi.CreateEvent body, String ifMatch, Runnable validation,
            String subject) {
        Event current = get(eventId);
        if (!current.isOrganizer(subject)) {
            throw ApiException.forbidden("only the event's organizer edits it");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(org.springframework.http.HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
                    "send If-Match with the ETag of the event you read");
        }
        if (!matches(ifMatch, current)) {
            throw stale();
        }
        validation.run();
        Grid grid = grid(body);
        boolean gridChanged = !grid.slots().equals(current.getSlots());
        scheduleGuard().ifAvailable(g -> g.checkEdit(eventId, gridChanged, body.tables()));
        boolean changed = change(eventId, e -> {
            if (!matches(ifMatch, e)) {
                throw stale();
            }
            return e.edit(Text.clean(body.name()), Text.clean(body.venue().name()), Text.clean(body.venue().city()),
                    grid.zone().getId(), grid.days(), body.slotMinutes(), body.tables(),
                    body.registrationDeadline().toInstant(), body.maxRequestsPerParticipant(), grid.slots());
        });
        scheduleGuard().ifAvailable(g -> g.eventEdited(eventId, changed, body.tables()));
        return get(eventId);
    }

    /**
     * The strong entity tag of an event: a digest of what {@code GET /events/{id}} shows. Not the
     * document's version, which every request, answer and check-in raises: an organizer's edit is
     * refused as stale only when the event as read has changed.
     */
    public static String etag(Event event) {
        EventApi.EventView view = EventApi.EventView.of(event);
        String shown = String.join("\n", view.name(), view.venue().name(), view.venue().city(), view.timeZone(),
                String.valueOf(view.days()), String.valueOf(view.slotMinutes()), String.valueOf(view.tables()),
                String.valueOf(view.registrationDeadline()), String.valueOf(view.maxRequestsPerParticipant()),
                view.status(), String.valueOf(view.slots()), String.valueOf(view.participantCount()));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(shown.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String ifMatch, Event event) {
        String tag = etag(event);
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException stale() {
        return new ApiException(org.springframework.http.HttpStatus.PRECONDITION_FAILED, "Precondition failed",
                "the event changed since you read it: read it again (its ETag) and retry");
    }

    private org.springframework.beans.factory.ObjectProvider<ScheduleGuard> scheduleGuard() {
        return scheduleGuard;
    }

    private Grid grid(EventApi.CreateEvent body) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            errors.add(new ApiException.FieldError("timeZone", "unknown time zone"));
        }
        Set<Object> dates = new HashSet<>();
        List<Event.Day> days = new ArrayList<>();
        for (int d = 0; d < body.days().size(); d++) {
            EventApi.DayBody day = body.days().get(d);
            if (!dates.add(day.date())) {
                errors.add(new ApiException.FieldError("days[" + d + "].date", "the same date is given twice"));
            }
            List<EventApi.SessionBody> sessions = new ArrayList<>(day.sessions());
            List<Event.Session> kept = new ArrayList<>();
            for (int s = 0; s < sessions.size(); s++) {
                EventApi.SessionBody session = sessions.get(s);
                String path = "days[" + d + "].sessions[" + s + "]";
                if (!session.end().isAfter(session.start())) {
                    errors.add(new ApiException.FieldError(path + ".end", "must be after start"));
                } else if (session.start().plusMinutes(body.slotMinutes()).isAfter(session.end())
                        || session.start().plusMinutes(body.slotMinutes()).isBefore(session.start())) {
                    errors.add(new ApiException.FieldError(path + ".end", "the session is shorter than one slot"));
                }
                for (int o = 0; o < s; o++) {
                    EventApi.SessionBody other = sessions.get(o);
                    if (session.start().isBefore(other.end()) && other.start().isBefore(session.end())) {
                        errors.add(new ApiException.FieldError(path + ".start",
                                "overlaps days[" + d + "].sessions[" + o + "]"));
                    }
                }
                kept.add(new Event.Session(fmt(session.start()), fmt(session.end())));
            }
            days.add(new Event.Day(day.date().toString(), kept));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Grid(zone, days, SlotGrid.generate(days, body.slotMinutes(), zone));
    }

    private static String fmt(LocalTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    public Event get(String id) {
        return events.findById(id).orElseThrow(() -> ApiException.notFound("event " + id));
    }

    public EventApi.Page<EventApi.EventView> list(int page, int size) {
        int clamped = Math.max(1, Math.min(size, 100));
        int from = Math.max(0, page);
        Query query = new Query().with(org.springframework.data.domain.Sort.by("createdAt").descending())
                .skip((long) from * clamped).limit(clamped);
        query.fields().exclude("requests").exclude("pendingMessages");
        long total = mongo.count(new Query(), Event.class);
        List<EventApi.EventView> items = mongo.find(query, Event.class).stream().map(EventApi.EventView::of).toList();
        return new EventApi.Page<>(items, from, clamped, total, (int) ((total + clamped - 1) / clamped));
    }

    /** The company the caller acts for: it must exist (404) and be owned by the caller (403). */
    public KnownCompany ownedCompany(String companyId, String subject) {
        KnownCompany company = companies.findActive(companyId)
                .orElseThrow(() -> ApiException.notFound("company " + companyId));
        if (!subject.equals(company.ownerSubject())) {
            throw ApiException.forbidden("you do not act for company " + companyId);
        }
        return company;
    }

    public boolean owns(String subject, String companyId) {
        return companies.findActive(companyId).map(c -> subject.equals(c.ownerSubject())).orElse(false);
    }

    public String companyName(String companyId) {
        return companies.findById(companyId).map(KnownCompany::legalName).orElse(null);
    }

    public Event.Participant register(String eventId, EventApi.Register body, Runnable validation, String subject) {
        get(eventId);
        if (body != null && body.companyId() != null) {
            ownedCompany(body.companyId(), subject);
        }
        validation.run();
        List<Integer> unavailable = body.unavailableSlots() == null ? List.of() : body.unavailableSlots();
        int delegates = body.delegates() == null ? 1 : body.delegates();
        Event.Participant participant = change(eventId, e -> e.register(body.companyId(), unavailable, delegates,
                body.fixedTable(), clock.instant()));
        metrics.participantRegistered();
        return participant;
    }

    public Event.MeetingRequest request(String eventId, EventApi.NewRequest body, Runnable validation,
            String subject) {
        get(eventId);
        if (body != null && body.fromCompanyId() != null) {
            ownedCompany(body.fromCompanyId(), subject);
        }
        validation.run();
        if (companies.findActive(body.toCompanyId()).isEmpty()) {
            throw ApiException.notFound("company " + body.toCompanyId());
        }
        String session = body.session() == null ? "ANY" : body.session().name();
        Instant now = clock.instant();
        Event.MeetingRequest request = change(eventId, e -> e.requestMeeting(body.fromCompanyId(), body.toCompanyId(),
                body.message(), session, now, now.plus(properties.requestExpiry())));
        metrics.meetingRequest("requested");
        return request;
    }

    public String accept(String eventId, String requestId, String subject) {
        Event.MeetingRequest r = requestFor(eventId, requestId, subject);
        String by = actingAs(subject, r);
        String meetingId = change(eventId, e -> e.accept(e.request(requestId).orElseThrow(), by, clock.instant()));
        metrics.meetingRequest("accepted");
        publisher.publishEvent(new MeetingsChanged(eventId));
        return meetingId;
    }

    public Event.MeetingRequest decline(String eventId, String requestId, String subject) {
        Event.MeetingRequest r = requestFor(eventId, requestId, subject);
        Event.MeetingRequest declined = change(eventId, e -> {
            Event.MeetingRequest current = e.request(requestId).orElseThrow();
            e.decline(current, actingAs(subject, r), clock.instant());
            return current;
        });
        metrics.meetingRequest("declined");
        return declined;
    }

    public Event.MeetingRequest cancel(String eventId, String requestId, String subject) {
        Event event = get(eventId);
        Event.MeetingRequest r = event.request(requestId).orElseThrow(() -> ApiException.notFound("request " + requestId));
        boolean party = owns(subject, r.getFromCompanyId()) || owns(subject, r.getToCompanyId());
        if (!party && !event.isOrganizer(subject)) {
            throw ApiException.forbidden("only the two companies or the organizer may cancel");
        }
        String by = party ? (owns(subject, r.getFromCompanyId()) ? r.getFromCompanyId() : r.getToCompanyId()) : null;
        Event.MeetingRequest cancelled = change(eventId, e -> {
            Event.MeetingRequest current = e.request(requestId).orElseThrow();
            e.cancel(current, by, clock.instant());
            return current;
        });
        metrics.meetingRequest("cancelled");
        publisher.publishEvent(new MeetingsChanged(eventId));
        return cancelled;
    }

    /** The request, visible to its two parties only (a third party gets 403). */
    private Event.MeetingRequest requestFor(String eventId, String requestId, String subject) {
        Event event = get(eventId);
        Event.MeetingRequest r = event.request(requestId).orElseThrow(() -> ApiException.notFound("request " + requestId));
        if (!owns(subject, r.getFromCompanyId()) && !owns(subject, r.getToCompanyId())) {
            throw ApiException.forbidden("only the two companies may act on this request");
        }
        return r;
    }

    /** The party the caller acts for; the invited one when the caller owns both. */
    private String actingAs(String subject, Event.MeetingRequest r) {
        return owns(subject, r.getToCompanyId()) ? r.getToCompanyId() : r.getFromCompanyId();
    }

    public List<Event.MeetingRequest> requestsOf(String eventId, String subject) {
        Event event = get(eventId);
        if (event.isOrganizer(subject)) {
            return event.getRequests();
        }
        return event.getRequests().stream()
                .filter(r -> owns(subject, r.getFromCompanyId()) || owns(subject, r.getToCompanyId())).toList();
    }

    /** Whether the caller is the organizer or acts for one of the participants. */
    public boolean organizerOrParticipant(Event event, String subject) {
        return event.isOrganizer(subject)
                || event.getParticipants().stream().anyMatch(p -> owns(subject, p.companyId()));
    }

    public Event cancelEvent(String eventId, String subject) {
        Event event = get(eventId);
        if (!event.isOrganizer(subject)) {
            throw ApiException.forbidden("only the event's organizer cancels it");
        }
        Instant now = clock.instant();
        change(eventId, e -> {
            e.cancelEvent(now);
            return null;
        });
        publisher.publishEvent(new MeetingsChanged(eventId));
        return get(eventId);
    }

    public void withdraw(String eventId, String companyId, String subject) {
        Event event = get(eventId);
        boolean organizer = event.isOrganizer(subject);
        if (!organizer && !owns(subject, companyId)) {
            throw ApiException.forbidden("only the company or the organizer withdraws a participant");
        }
        String by = owns(subject, companyId) ? companyId : null;
        Instant now = clock.instant();
        change(eventId, e -> {
            e.withdraw(companyId, by, now);
            return null;
        });
        publisher.publishEvent(new MeetingsChanged(eventId));
    }

    /**
     * A company was erased ({@code company.deleted}): it leaves every event it took part in, its
     * open requests and meetings are cancelled and told ({@code meeting-cancelled}, by the company
     * itself), and the messages it wrote are blanked. Idempotent: a second run finds nothing to do.
     */
    @org.springframework.context.event.EventListener
    void on(eus.elkarlan.event.company.CompanyErased erased) {
        erase(erased.companyId());
    }

    public void erase(String companyId) {
        Query involved = Query.query(new Criteria().orOperator(Criteria.where("participants.companyId").is(companyId),
                Criteria.where("requests.fromCompanyId").is(companyId),
                Criteria.where("requests.toCompanyId").is(companyId)));
        involved.fields().include("_id");
        Instant now = clock.instant();
        for (Event stub : mongo.find(involved, Event.class)) {
            if (!get(stub.getId()).holdsAnythingOf(companyId)) {
                continue; // erased before (a redelivered message): no write, no message
            }
            change(stub.getId(), e -> e.erase(companyId, now));
            publisher.publishEvent(new MeetingsChanged(stub.getId()));
        }
    }

    public void checkIn(String eventId, String meetingId, Runnable validation, Boolean held, String subject) {
        Event event = get(eventId);
        Event.MeetingRequest m = event.meeting(meetingId).orElseThrow(() -> ApiException.notFound("meeting " + meetingId));
        if (!event.isOrganizer(subject) && !owns(subject, m.getFromCompanyId()) && !owns(subject, m.getToCompanyId())) {
            throw ApiException.forbidden("only the two companies or the organizer check a meeting in");
        }
        validation.run();
        // a party's own word is recorded as the party's, even when its owner also organizes the event
        String by = owns(subject, m.getFromCompanyId()) ? m.getFromCompanyId()
                : owns(subject, m.getToCompanyId()) ? m.getToCompanyId() : Event.MeetingRequest.BY_ORGANIZER;
        Instant now = clock.instant();
        change(eventId, e -> {
            e.checkIn(e.meeting(meetingId).orElseThrow(), held, by, now);
            return null;
        });
    }

    public void feedback(String eventId, String meetingId, Runnable validation, Integer rating, boolean followUp,
            String subject) {
        Event event = get(eventId);
        Event.MeetingRequest m = event.meeting(meetingId).orElseThrow(() -> ApiException.notFound("meeting " + meetingId));
        String by = owns(subject, m.getFromCompanyId()) ? m.getFromCompanyId()
                : owns(subject, m.getToCompanyId()) ? m.getToCompanyId() : null;
        if (by == null) {
            throw ApiException.forbidden("only the two companies give feedback");
        }
        validation.run();
        Instant now = clock.instant();
        change(eventId, e -> {
            e.feedback(e.meeting(meetingId).orElseThrow(), by, rating, followUp, now);
            return null;
        });
    }

    /** The territory of each company the read model knows (a deleted company has none). */
    public Map<String, String> territories(java.util.Collection<String> companyIds) {
        Map<String, String> result = new java.util.HashMap<>();
        for (KnownCompany c : companies.findAllById(companyIds)) {
            if (c.active() && c.territory() != null) {
                result.put(c.id(), c.territory());
            }
        }
        return result;
    }

    public Map<String, String> countries(java.util.Collection<String> companyIds) {
        Map<String, String> result = new java.util.HashMap<>();
        for (KnownCompany c : companies.findAllById(companyIds)) {
            if (c.country() != null) {
                result.put(c.id(), c.country());
            }
        }
        return result;
    }

    @Scheduled(fixedDelayString = "${elkarlan.events.expiry-check-interval:60s}")
    public void expireRequests() {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("requests").elemMatch(
                Criteria.where("status").is("PENDING").and("expiresAt").lte(now)));
        due.fields().include("_id");
        for (Event stub : mongo.find(due, Event.class)) {
            try {
                change(stub.getId(), e -> e.expire(now));
            } catch (RuntimeException ignored) {
                // tried again at the next run
            }
        }
    }

    private <T> T change(String eventId, Function<Event, T> action) {
        for (int attempt = 1;; attempt++) {
            Event event = get(eventId);
            T result = action.apply(event);
            try {
                events.save(event);
                return result;
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
