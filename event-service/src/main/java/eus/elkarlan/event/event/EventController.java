package eus.elkarlan.event.event;

import java.net.URI;
import java.util.List;


import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.event.system.ApiException;

/** Events, participants and the meeting request flow. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final EventService service;
    private final eus.elkarlan.event.system.BodyValidator validator;

    EventController(EventService service, eus.elkarlan.event.system.BodyValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @PostMapping
    @PreAuthorize("hasRole('organizer')")
    ResponseEntity<EventApi.EventView> create(@RequestBody EventApi.CreateEvent body, Authentication auth) {
        validator.validate(body);
        Event event = service.create(body, auth.getName());
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.getId())).eTag(EventService.etag(event))
                .body(EventApi.EventView.of(event));
    }

    /**
     * Edits the event (the whole body, as for creation; a missing {@code maxRequestsPerParticipant}
     * keeps the current cap). Needs {@code If-Match} with the ETag of the last read.
     */
    @org.springframework.web.bind.annotation.PutMapping("/{id}")
    @PreAuthorize("hasRole('organizer')")
    ResponseEntity<EventApi.EventView> update(@PathVariable String id,
            @RequestBody(required = false) EventApi.CreateEvent body,
            @org.springframework.web.bind.annotation.RequestHeader(name = "If-Match", required = false) String ifMatch,
            Authentication auth) {
        Event event = service.update(id, body, ifMatch, () -> validator.validate(body), auth.getName());
        return ResponseEntity.ok().eTag(EventService.etag(event)).body(EventApi.EventView.of(event));
    }

    @GetMapping
    EventApi.Page<EventApi.EventView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return service.list(page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<EventApi.EventView> get(@PathVariable String id) {
        Event event = service.get(id);
        return ResponseEntity.ok().eTag(EventService.etag(event)).body(EventApi.EventView.of(event));
    }

    @PostMapping("/{id}/participants")
    @PreAuthorize("hasRole('company')")
    ResponseEntity<EventApi.ParticipantView> register(@PathVariable String id,
            @RequestBody(required = false) EventApi.Register body, Authentication auth) {
        Event.Participant p = service.register(id, body, () -> validator.validate(body), auth.getName());
        return ResponseEntity.created(URI.create("/api/v1/events/" + id + "/participants/" + p.companyId()))
                .body(view(id, p));
    }

    @GetMapping("/{id}/participants")
    List<EventApi.ParticipantView> participants(@PathVariable String id, Authentication auth) {
        Event event = service.get(id);
        if (!service.organizerOrParticipant(event, auth.getName())) {
            throw ApiException.forbidden("only the organizer and participants see the participants");
        }
        return event.getParticipants().stream().map(p -> view(id, p)).toList();
    }

    private EventApi.ParticipantView view(String eventId, Event.Participant p) {
        return new EventApi.ParticipantView(eventId, p.companyId(), service.companyName(p.companyId()),
                p.unavailableSlots(), p.delegates(), p.fixedTable(), p.registeredAt());
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasRole('organizer')")
    EventApi.EventView cancelEvent(@PathVariable String id, Authentication auth) {
        return EventApi.EventView.of(service.cancelEvent(id, auth.getName()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/{id}/participants/{companyId}")
    ResponseEntity<Void> withdraw(@PathVariable String id, @PathVariable String companyId, Authentication auth) {
        service.withdraw(id, companyId, auth.getName());
        return ResponseEntity.noContent().build();
    }

    record CheckIn(@jakarta.validation.constraints.NotNull Boolean held) {
    }

    record MeetingFeedback(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(4) Integer rating, Boolean followUpPlanned) {
    }

    @PostMapping("/{id}/meetings/{mid}/check-in")
    ResponseEntity<Void> checkIn(@PathVariable String id, @PathVariable String mid,
            @RequestBody(required = false) CheckIn body, Authentication auth) {
        service.checkIn(id, mid, () -> validator.validate(body), body == null ? null : body.held(), auth.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/meetings/{mid}/feedback")
    @PreAuthorize("hasRole('company')")
    ResponseEntity<Void> feedback(@PathVariable String id, @PathVariable String mid,
            @RequestBody(required = false) MeetingFeedback body, Authentication auth) {
        service.feedback(id, mid, () -> validator.validate(body), body == null ? null : body.rating(),
                body != null && Boolean.TRUE.equals(body.followUpPlanned()), auth.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/meeting-requests")
    @PreAuthorize("hasRole('company')")
    ResponseEntity<EventApi.RequestView> request(@PathVariable String id, @RequestBody(required = false) EventApi.NewRequest body,
            Authentication auth) {
        Event.MeetingRequest r = service.request(id, body, () -> validator.validate(body), auth.getName());
        return ResponseEntity.created(URI.create("/api/v1/events/" + id + "/meeting-requests/" + r.getId()))
                .body(EventApi.RequestView.of(id, r));
    }

    @GetMapping("/{id}/meeting-requests")
    List<EventApi.RequestView> requests(@PathVariable String id, Authentication auth) {
        return service.requestsOf(id, auth.getName()).stream().map(r -> EventApi.RequestView.of(id, r)).toList();
    }

    @PostMapping("/{id}/meeting-requests/{rid}/accept")
    @PreAuthorize("hasRole('company')")
    EventApi.Accepted accept(@PathVariable String id, @PathVariable String rid, Authentication auth) {
        return new EventApi.Accepted(service.accept(id, rid, auth.getName()));
    }

    @PostMapping("/{id}/meeting-requests/{rid}/decline")
    @PreAuthorize("hasRole('company')")
    EventApi.RequestView decline(@PathVariable String id, @PathVariable String rid, Authentication auth) {
        return EventApi.RequestView.of(id, service.decline(id, rid, auth.getName()));
    }

    @PostMapping("/{id}/meeting-requests/{rid}/cancel")
    @PreAuthorize("hasRole('company') or hasRole('organizer')")
    @ResponseStatus(HttpStatus.OK)
    EventApi.RequestView cancel(@PathVariable String id, @PathVariable String rid, Authentication auth) {
        return EventApi.RequestView.of(id, service.cancel(id, rid, auth.getName()));
    }
}
