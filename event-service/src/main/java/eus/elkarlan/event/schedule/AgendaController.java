package eus.elkarlan.event.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.event.EventService;
import eus.elkarlan.event.system.ApiException;

/** A participant's agenda from the published schedule, as JSON or iCalendar. */
@RestController
class AgendaController {

    static final String TEXT_CALENDAR = "text/calendar";

    private final EventService events;
    private final ScheduleService schedules;
    private final Clock clock;

    AgendaController(EventService events, ScheduleService schedules, Clock clock) {
        this.events = events;
        this.schedules = schedules;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/events/{id}/agenda/{companyId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Agenda json(@PathVariable String id, @PathVariable String companyId, Authentication auth) {
        return agenda(id, companyId, auth.getName());
    }

    @GetMapping(path = "/api/v1/events/{id}/agenda/{companyId}", produces = TEXT_CALENDAR)
    ResponseEntity<String> calendar(@PathVariable String id, @PathVariable String companyId, Authentication auth) {
        Agenda agenda = agenda(id, companyId, auth.getName());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"agenda.ics\"")
                .body(ICalendarWriter.write(agenda, clock.instant()));
    }

    private Agenda agenda(String eventId, String companyId, String subject) {
        Event event = events.get(eventId);
        if (!event.isOrganizer(subject) && !events.owns(subject, companyId)) {
            throw ApiException.forbidden("only the company and the organizer read this agenda");
        }
        if (event.participant(companyId).isEmpty()) {
            throw ApiException.notFound("participant " + companyId);
        }
        ScheduleDocument doc = schedules.find(eventId).filter(d -> d.sequence() > 0)
                .orElseThrow(() -> ApiException.notFound("published schedule of event " + eventId));
        return of(event, companyId, doc);
    }

    /** The agenda of a participant in the published schedule (none published yet: no meetings). */
    Agenda of(Event event, String companyId, ScheduleDocument doc) {
        List<Agenda.Item> items = new ArrayList<>();
        List<ScheduleDocument.PlacedMeeting> published = doc == null ? List.of() : doc.published();
        for (ScheduleDocument.PlacedMeeting m : published) {
            // a meeting cancelled since publication is gone at once, even before the schedule follows
            if (!m.companyIds().contains(companyId) || event.meeting(m.meetingId()).isEmpty()) {
                continue;
            }
            String partner = m.companyIds().get(0).equals(companyId) ? m.companyIds().get(1) : m.companyIds().get(0);
            Event.MeetingRequest meeting = event.meeting(m.meetingId()).orElseThrow();
            items.add(new Agenda.Item(m.meetingId(), m.slot(), m.table(), m.start(), m.end(), partner,
                    events.companyName(partner), checkIn(meeting, companyId), myFeedback(meeting, companyId)));
        }
        items.sort(java.util.Comparator.comparingInt(Agenda.Item::slot));
        int sequence = (doc == null ? 0 : doc.sequence()) + event.getRevision();
        return new Agenda(event.getId(), event.getName(), event.getVenueName(), event.getVenueCity(),
                event.getTimeZone(), companyId, sequence, items);
    }

    static Agenda.CheckInState checkIn(Event.MeetingRequest meeting, String companyId) {
        if (meeting.getHeld() == null) {
            return null;
        }
        String by = meeting.getCheckedInBy();
        Agenda.CheckedInBy who = by == null ? null // noted before the author was recorded
                : Event.MeetingRequest.BY_ORGANIZER.equals(by) ? Agenda.CheckedInBy.ORGANIZER
                : by.equals(companyId) ? Agenda.CheckedInBy.ME : Agenda.CheckedInBy.PARTNER;
        return new Agenda.CheckInState(meeting.getHeld(), who, meeting.getCheckedInAt());
    }

    static Agenda.MyFeedback myFeedback(Event.MeetingRequest meeting, String companyId) {
        Event.Feedback mine = meeting.getFeedback().get(companyId);
        return mine == null ? null : new Agenda.MyFeedback(mine.rating(), mine.followUpPlanned(), mine.at());
    }

    String ics(Agenda agenda) {
        return ICalendarWriter.write(agenda, clock.instant());
    }
}
