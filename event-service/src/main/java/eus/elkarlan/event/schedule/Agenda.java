package eus.elkarlan.event.schedule;

import java.time.Instant;
import java.util.List;

/** One participant's published meetings. */
public record Agenda(String eventId, String eventName, String venueName, String venueCity, String timeZone,
        String companyId, int sequence, List<Item> meetings) {

    /**
     * A meeting of the agenda.
     *
     * @param checkIn    whether the meeting was noted as held or missed, and by whom; null before anyone did
     * @param myFeedback the agenda's company's own rating; null before it gave one (the partner's is never shown)
     */
    public record Item(String meetingId, int slot, int table, Instant start, Instant end, String partnerCompanyId,
            String partnerName, CheckInState checkIn, MyFeedback myFeedback) {
    }

    /** Who noted the meeting last, seen from the agenda's company. */
    public enum CheckedInBy {
        ME, PARTNER, ORGANIZER
    }

    public record CheckInState(boolean held, CheckedInBy by, Instant at) {
    }

    public record MyFeedback(int rating, boolean followUpPlanned, Instant at) {
    }
}
