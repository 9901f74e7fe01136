package eus.elkarlan.event.schedule;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.event.EventService;
import eus.elkarlan.event.scheduling.Breaks;
import eus.elkarlan.event.system.ApiException;

/** Organizer statistics of one event (requests, acceptance, meetings, cross-border share, breaks). */
@RestController
class StatsController {

    private final EventService events;
    private final ScheduleService schedules;

    StatsController(EventService events, ScheduleService schedules) {
        this.events = events;
        this.schedules = schedules;
    }

    record Stats(String eventId, int participants, int requests, Map<String, Integer> requestsByStatus,
            Double acceptanceRate, int acceptedMeetings, Double crossBorderShare, Integer scheduledMeetings,
            Integer unscheduledMeetings, Integer totalBreaks, Map<String, Integer> breaksPerParticipant,
            boolean published, int meetingsHeld, int meetingsMissed, int feedbackCount, Double averageRating,
            int followUpsPlanned) {
    }

    @GetMapping("/api/v1/events/{id}/stats")
    @PreAuthorize("hasRole('organizer')")
    Stats stats(@PathVariable String id, Authentication auth) {
        Event event = events.get(id);
        if (!event.isOrganizer(auth.getName())) {
            throw ApiException.forbidden("only the event's organizer reads its statistics");
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        for (Event.MeetingRequest r : event.getRequests()) {
            byStatus.merge(r.getStatus(), 1, Integer::sum);
        }
        int accepted = byStatus.getOrDefault("ACCEPTED", 0);
        int answered = accepted + byStatus.getOrDefault("DECLINED", 0) + byStatus.getOrDefault("EXPIRED", 0);
        Set<String> ids = new HashSet<>();
        event.acceptedMeetings().forEach(r -> {
            ids.add(r.getFromCompanyId());
            ids.add(r.getToCompanyId());
        });
        Map<String, String> countries = events.countries(ids);
        int crossBorder = 0;
        int known = 0;
        for (Event.MeetingRequest r : event.acceptedMeetings()) {
            String a = countries.get(r.getFromCompanyId());
            String b = countries.get(r.getToCompanyId());
            if (a != null && b != null) {
                known++;
                crossBorder += a.equals(b) ? 0 : 1;
            }
        }
        int heldCount = 0;
        int missed = 0;
        int feedbackCount = 0;
        int ratingSum = 0;
        int followUps = 0;
        for (Event.MeetingRequest r : event.acceptedMeetings()) {
            if (Boolean.TRUE.equals(r.getHeld())) {
                heldCount++;
            } else if (Boolean.FALSE.equals(r.getHeld())) {
                missed++;
            }
            for (Event.Feedback fb : r.getFeedback().values()) {
                feedbackCount++;
                ratingSum += fb.rating();
                followUps += fb.followUpPlanned() ? 1 : 0;
            }
        }
        ScheduleDocument doc = schedules.find(id).orElse(null);
        Integer scheduled = null;
        Integer unscheduled = null;
        Integer total = null;
        Map<String, Integer> perParticipant = null;
        boolean published = false;
        if (doc != null && "DONE".equals(doc.status())) {
            List<ScheduleDocument.PlacedMeeting> meetings = doc.sequence() > 0 ? doc.published() : doc.meetings();
            published = doc.sequence() > 0;
            scheduled = meetings.size();
            unscheduled = doc.sequence() > 0 ? null : doc.unscheduled().size();
            Map<String, BitSet> busy = new HashMap<>();
            for (ScheduleDocument.PlacedMeeting m : meetings) {
                for (String c : m.companyIds()) {
                    busy.computeIfAbsent(c, k -> new BitSet()).set(m.slot());
                }
            }
            perParticipant = new TreeMap<>();
            int sum = 0;
            for (Map.Entry<String, BitSet> e : busy.entrySet()) {
                int b = Breaks.of(e.getValue());
                perParticipant.put(e.getKey(), b);
                sum += b;
            }
            total = sum;
        }
        return new Stats(id, event.getParticipants().size(), event.getRequests().size(), byStatus,
                answered == 0 ? null : (double) accepted / answered, accepted,
                known == 0 ? null : (double) crossBorder / known, scheduled, unscheduled, total, perParticipant,
                published, heldCount, missed, feedbackCount,
                feedbackCount == 0 ? null : (double) ratingSum / feedbackCount, followUps);
    }
}
