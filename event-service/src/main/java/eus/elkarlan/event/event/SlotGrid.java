package eus.elkarlan.event.event;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import eus.elkarlan.contracts.event.Slot;

/**
 * The slot grid of an event: slots back to back inside each session, no implicit pause; indexes
 * 1..N over all days and sessions in time order; a slot is {@code MORNING} when its session starts
 * before 12:00, else {@code AFTERNOON}.
 */
final class SlotGrid {

    static final LocalTime NOON = LocalTime.NOON;

    private SlotGrid() {
    }

    static List<Slot> generate(List<Event.Day> days, int slotMinutes, ZoneId zone) {
        List<Event.Day> ordered = new ArrayList<>(days);
        ordered.sort(Comparator.comparing(d -> LocalDate.parse(d.date())));
        List<Slot> slots = new ArrayList<>();
        int index = 1;
        for (Event.Day day : ordered) {
            LocalDate date = LocalDate.parse(day.date());
            List<Event.Session> sessions = new ArrayList<>(day.sessions());
            sessions.sort(Comparator.comparing(s -> LocalTime.parse(s.start())));
            for (Event.Session session : sessions) {
                LocalTime start = LocalTime.parse(session.start());
                LocalTime end = LocalTime.parse(session.end());
                String name = start.isBefore(NOON) ? "MORNING" : "AFTERNOON";
                for (LocalTime t = start; !t.plusMinutes(slotMinutes).isAfter(end)
                        && t.plusMinutes(slotMinutes).isAfter(t); t = t.plusMinutes(slotMinutes)) {
                    ZonedDateTime from = ZonedDateTime.of(date, t, zone);
                    slots.add(new Slot(index++, from.toInstant(), from.plusMinutes(slotMinutes).toInstant(), name));
                }
            }
        }
        return slots;
    }
}
