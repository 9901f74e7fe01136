package eus.elkarlan.event.schedule;

import java.time.Instant;
import java.util.List;

/** One participant's published meetings. */
public record Agenda(String eventId, String eventName, String venueName, String venueCity, String timeZone,
        String companyId, int sequence, List<Item> meetings) {

    public record Item(String meetingId, int slot, int table, Instant start, Instant end, String partnerCompanyId,
            String partnerName) {
    }
}
