package eus.elkarlan.event.schedule;

import java.util.List;

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

/** Computing (asynchronous job), reading and publishing an event's schedule. */
@RestController
@RequestMapping("/api/v1/events/{id}/schedule")
class ScheduleController {

    private final ScheduleService service;
    private final eus.elkarlan.event.system.BodyValidator validator;

    ScheduleController(ScheduleService service, eus.elkarlan.event.system.BodyValidator validator) {
        this.service = service;
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

    record View(String jobId, String status, List<ScheduleDocument.PlacedMeeting> meetings, int breaks,
            boolean optimal, boolean fairnessRelaxed, List<ScheduleDocument.UnscheduledMeeting> unscheduled,
            java.time.Instant startedAt, java.time.Instant finishedAt, int publishedSequence,
            java.time.Instant publishedAt, String error) {

        static View of(ScheduleDocument d) {
            return new View(d.jobId(), d.status(), d.meetings(), d.breaks(), d.optimal(), d.fairnessRelaxed(),
                    d.unscheduled(), d.startedAt(), d.finishedAt(), d.sequence(), d.publishedAt(), d.error());
        }
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
        return View.of(service.read(id, auth.getName()));
    }

    @PostMapping("/publish")
    @PreAuthorize("hasRole('organizer')")
    View publish(@PathVariable String id, Authentication auth) {
        return View.of(service.publish(id, auth.getName()));
    }
}
