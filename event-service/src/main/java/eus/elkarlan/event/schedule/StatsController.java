package eus.elkarlan.event.schedule;

import java.util.ArrayList;
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
            int followUpsPlanned, List<TerritoryStats> territories) {
    }

    /**
     * One territory of the Basque Country: its participants, and the scheduled meetings (published
     * ones once published) in which at least one party comes from it. A meeting counts once for each
     * distinct territory of its two parties: a meeting Lapurdi × Gipuzkoa counts in both, a meeting
     * Gipuzkoa × Gipuzkoa once; the per-territory meetings therefore may add up to more than
     * {@code scheduledMeetings}. {@code scheduledMeetings} is null while nothing is scheduled.
     *
     * @param region {@code IPARRALDE} (FR) or {@code HEGOALDE} (ES)
     */
    record TerritoryStats(String territory, String region, int participants, Integer scheduledMeetings) {
    }

    /** The territories in the order of DESIGN.md: Iparralde, then Hegoalde. */
    static final List<String> TERRITORIES = List.of("LAPURDI", "BAXENABARRE", "ZUBEROA", "GIPUZKOA", "BIZKAIA",
            "ARABA", "NAFARROA");

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
        List<TerritoryStats> territories = territories(event, doc != null && "DONE".equals(doc.status())
                ? (doc.sequence() > 0 ? doc.published() : doc.meetings()) : null);
        return new Stats(id, event.getParticipants().size(), event.getRequests().size(), byStatus,
                answered == 0 ? null : (double) accepted / answered, accepted,
                known == 0 ? null : (double) crossBorder / known, scheduled, unscheduled, total, perParticipant,
                published, heldCount, missed, feedbackCount,
                feedbackCount == 0 ? null : (double) ratingSum / feedbackCount, followUps, territories);
    }

    /** Participants and scheduled meetings per territory (only the territories that have participants). */
    private List<TerritoryStats> territories(Event event, List<ScheduleDocument.PlacedMeeting> scheduled) {
        Set<String> ids = new HashSet<>();
        event.getParticipants().forEach(p -> ids.add(p.companyId()));
        if (scheduled != null) {
            scheduled.forEach(m -> ids.addAll(m.companyIds()));
        }
        Map<String, String> territoryOf = events.territories(ids);
        Map<String, Integer> participants = new HashMap<>();
        for (Event.Participant p : event.getParticipants()) {
            String territory = territoryOf.get(p.companyId());
            if (territory != null) {
                participants.merge(territory, 1, Integer::sum);
            }
        }
        Map<String, Integer> meetings = new HashMap<>();
        if (scheduled != null) {
            for (ScheduleDocument.PlacedMeeting m : scheduled) {
                Set<String> distinct = new HashSet<>();
                m.companyIds().forEach(c -> {
                    if (territoryOf.containsKey(c)) {
                        distinct.add(territoryOf.get(c));
                    }
                });
                distinct.forEach(t -> meetings.merge(t, 1, Integer::sum));
            }
        }
        List<TerritoryStats> result = new ArrayList<>();
        for (String territory : TERRITORIES) {
            if (participants.containsKey(territory) || meetings.containsKey(territory)) {
                result.add(new TerritoryStats(territory, TERRITORIES.indexOf(territory) < 3 ? "IPARRALDE" : "HEGOALDE",
                        participants.getOrDefault(territory, 0),
                        scheduled == null ? null : meetings.getOrDefault(territory, 0)));
            }
        }
        return result;
    }
}
