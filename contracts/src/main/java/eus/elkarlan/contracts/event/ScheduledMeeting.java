package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;
import java.util.List;

/** A meeting placed in the schedule: the two companies, slot index, table number and times. */
public record ScheduledMeeting(String meetingId, List<String> companyIds, int slot, int table, Instant start,
        Instant end) {

    public ScheduledMeeting {
        required(meetingId, "meetingId");
        companyIds = List.copyOf(required(companyIds, "companyIds"));
        if (companyIds.size() != 2) {
            throw new eus.elkarlan.contracts.InvalidMessageException("a meeting has two companies");
        }
        required(start, "start");
        required(end, "end");
    }
}
