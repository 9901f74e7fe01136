package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.event.meeting-rescheduled.v1}: a published meeting moved (or was added late).
 *
 * @param meeting       where and when it is now
 * @param previousSlot  where it was, {@code null} for a late addition
 * @param previousTable the table it had, {@code null} for a late addition
 * @param sequence      iCalendar {@code SEQUENCE} of the meeting, higher than before
 */
public record MeetingRescheduled(String eventId, String eventName, String timeZone, ScheduledMeeting meeting,
        Integer previousSlot, Integer previousTable, int sequence) implements ElkarlanMessage {

    public MeetingRescheduled {
        required(eventId, "eventId");
        required(meeting, "meeting");
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
