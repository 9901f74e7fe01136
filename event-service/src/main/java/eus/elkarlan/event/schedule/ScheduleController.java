package eus.elkarlan.event.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.event.EventService;

/** Computing (asynchronous job), reading and publishing an event's schedule. */
@RestController
@RequestMapping("/api/v1/events/{id}/schedule")
class ScheduleController {

    private final ScheduleService service;
    private final EventService events;
    private final eus.elkarlan.event.system.BodyValidator validator;

    ScheduleController(ScheduleService service, EventService events,
            eus.elkarlan.event.system.BodyValidator validator) {
        this.service = service;
        this.events = events;
        this.validator = validator;
    }

    /**
     * @param allowMoves    after a publication, whether published meetings may move (default false:
     *                      only meetings added since are placed around them)
     * @param keepPublished the former switch, the opposite of {@code allowMoves} (used when
     *                      {@code allowMoves} is absent)
     */
    record Compute(@Min(1) Integer timeLimitSeconds, @Min(0) @Max(100) Integer fairness, Boolean allowMoves,
            Boolean keepPublished) {

        boolean moves() {
            if (allowMoves != null) {
                return allowMoves;
            }
            return keepPublished != null && !keepPublished;
        }
    }

    record Job(String jobId, String status) {
    }

    /**
     * Whether a meeting was noted as held or missed: by one of its companies ({@code byCompanyId}) or by
     * the organizer ({@code byOrganizer}); neither when it was noted before its author was recorded.
     */
    record MeetingCheckIn(boolean held, String byCompanyId, boolean byOrganizer, Instant at) {
    }

    /**
     * @param checkIns the check-in of each meeting noted so far, by meeting id; for the event's
     *                 organizer only (null for a participant, who sees its own in its agenda)
     */
    record View(String jobId, String status, List<ScheduleDocument.PlacedMeeting> meetings, int breaks,
            boolean optimal, boolean fairnessRelaxed, List<ScheduleDocument.UnscheduledMeeting> unscheduled,
            Instant startedAt, Instant finishedAt, int publishedSequence, Instant publishedAt, String error,
            Map<String, MeetingCheckIn> checkIns) {

        static View of(ScheduleDocument d, Map<String, MeetingCheckIn> checkIns) {
            return new View(d.jobId(), d.status(), d.meetings(), d.breaks(), d.optimal(), d.fairnessRelaxed(),
                    d.unscheduled(), d.startedAt(), d.finishedAt(), d.sequence(), d.publishedAt(), d.error(),
                    checkIns);
        }
    }

    /** The check-ins of the event's meetings when the organizer reads, else null. */
    private Map<String, MeetingCheckIn> checkIns(String eventId, String subject) {
        Event event = events.get(eventId);
        if (!event.isOrganizer(subject)) {
            return null;
        }
        Map<String, MeetingCheckIn> result = new TreeMap<>();
        for (Event.MeetingRequest m : event.acceptedMeetings()) {
            if (m.getHeld() != null) {
                String by = m.getCheckedInBy();
                boolean organizer = Event.MeetingRequest.BY_ORGANIZER.equals(by);
                result.put(m.getMeetingId(), new MeetingCheckIn(m.getHeld(), organizer ? null : by, organizer,
                        m.getCheckedInAt()));
            }
        }
        return result;
    }

    @PostMapping
    @PreAuthorize("hasRole('organizer')")
    ResponseEntity<Job> compute(@PathVariable String id, @RequestBody(required = false) Compute body,
            Authentication auth) {
        Compute c = body == null ? new Compute(null, null, null, null) : body;
        ScheduleDocument doc = service.start(id, c.timeLimitSeconds(), c.fairness(), c.moves(),
                () -> validator.validate(c), auth.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Job(doc.jobId(), doc.status()));
    }

    @GetMapping
    View read(@PathVariable String id, Authentication auth) {
        ScheduleDocument doc = service.read(id, auth.getName());
        return View.of(doc, checkIns(id, auth.getName()));
    }

    @PostMapping("/publish")
    @PreAuthorize("hasRole('organizer')")
    View publish(@PathVariable String id, Authentication auth) {
        ScheduleDocument doc = service.publish(id, auth.getName());
        return View.of(doc, checkIns(id, auth.getName()));
    }
}
