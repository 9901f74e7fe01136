package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.util.List;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.event.schedule-published.v1}: the organizer published the schedule.
 *
 * @param meetings every scheduled meeting with slot, table and times
 * @param sequence grows with every publication (iCalendar {@code SEQUENCE})
 */
public record SchedulePublished(String eventId, String eventName, String venueName, String timeZone,
        List<ScheduledMeeting> meetings, int sequence) implements ElkarlanMessage {

    public SchedulePublished {
        required(eventId, "eventId");
        required(eventName, "eventName");
        required(timeZone, "timeZone");
        meetings = meetings == null ? List.of() : List.copyOf(meetings);
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
