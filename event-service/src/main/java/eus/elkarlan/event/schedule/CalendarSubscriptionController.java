package eus.elkarlan.event.schedule;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import eus.elkarlan.event.company.CompanyErased;
import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.event.EventService;
import eus.elkarlan.event.system.ApiException;
import eus.elkarlan.event.system.EventProperties;

/**
 * Calendar subscriptions: the company (or the organizer) obtains a secret URL of the company's
 * agenda; calendar apps fetch it without a token and see every change (SEQUENCE raised). Revoking
 * it makes the old URL answer 404; the next request for the URL gives a new one.
 */
@RestController
class CalendarSubscriptionController {

    static final String FEED_PATH = "/api/v1/calendar/";

    private final EventService events;
    private final ScheduleService schedules;
    private final AgendaController agendas;
    private final MongoTemplate mongo;
    private final EventProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CalendarSubscriptionController(EventService events, ScheduleService schedules, AgendaController agendas,
            MongoTemplate mongo, EventProperties properties, Clock clock) {
        this.events = events;
        this.schedules = schedules;
        this.agendas = agendas;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    record Subscription(String eventId, String companyId, String url, Instant createdAt) {
    }

    @GetMapping("/api/v1/events/{id}/agenda/{companyId}/subscription")
    Subscription subscription(@PathVariable String id, @PathVariable String companyId, Authentication auth) {
        allowed(id, companyId, auth.getName());
        CalendarSubscription current = mongo.findOne(pair(id, companyId), CalendarSubscription.class);
        if (current == null) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            current = mongo.insert(new CalendarSubscription(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(secret), id, companyId, auth.getName(), clock.instant()));
        }
        return new Subscription(id, companyId, base() + FEED_PATH + current.token() + ".ics", current.createdAt());
    }

    @DeleteMapping("/api/v1/events/{id}/agenda/{companyId}/subscription")
    ResponseEntity<Void> revoke(@PathVariable String id, @PathVariable String companyId, Authentication auth) {
        allowed(id, companyId, auth.getName());
        mongo.remove(pair(id, companyId), CalendarSubscription.class);
        return ResponseEntity.noContent().build();
    }

    /** Public: the token is the credential. Before publication the calendar is empty. */
    @GetMapping(FEED_PATH + "{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        CalendarSubscription subscription = token.length() > 100 ? null
                : mongo.findById(token, CalendarSubscription.class);
        if (subscription == null) {
            throw ApiException.notFound("calendar");
        }
        Event event;
        try {
            event = events.get(subscription.eventId());
        } catch (ApiException e) {
            event = null;
        }
        if (event == null || event.participant(subscription.companyId()).isEmpty()) {
            // the company left the event: its agenda is gone, and so is the address
            mongo.remove(pair(subscription.eventId(), subscription.companyId()), CalendarSubscription.class);
            throw ApiException.notFound("calendar");
        }
        ScheduleDocument doc = schedules.find(event.getId()).filter(d -> d.sequence() > 0).orElse(null);
        String body = agendas.ics(agendas.of(event, subscription.companyId(), doc));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("Referrer-Policy", "no-referrer")
                .body(body);
    }

    @EventListener
    void on(CompanyErased erased) {
        mongo.remove(Query.query(Criteria.where("companyId").is(erased.companyId())), CalendarSubscription.class);
    }

    private void allowed(String eventId, String companyId, String subject) {
        Event event = events.get(eventId);
        if (!event.isOrganizer(subject) && !events.owns(subject, companyId)) {
            throw ApiException.forbidden("only the company and the organizer subscribe to this agenda");
        }
        if (event.participant(companyId).isEmpty()) {
            throw ApiException.notFound("participant " + companyId);
        }
    }

    private static Query pair(String eventId, String companyId) {
        return Query.query(Criteria.where("eventId").is(eventId).and("companyId").is(companyId));
    }

    private String base() {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
