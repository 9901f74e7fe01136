package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;
import java.util.List;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.event.published.v1}: an event opened for registration, or changed
 * ({@code status} tells a cancellation).
 *
 * @param eventId              the event
 * @param name                 its name
 * @param venueName            where
 * @param venueCity            the city
 * @param timeZone             IANA zone, e.g. {@code Europe/Paris}
 * @param slotMinutes          slot length
 * @param tables               number of tables
 * @param registrationDeadline end of registration
 * @param slots                the slot grid
 * @param status               {@code OPEN}, {@code SCHEDULED}, {@code CANCELLED}
 * @param organizerSubject     JWT subject of the organizer
 */
public record EventPublished(String eventId, String name, String venueName, String venueCity, String timeZone,
        int slotMinutes, int tables, Instant registrationDeadline, List<Slot> slots, String status,
        String organizerSubject) implements ElkarlanMessage {

    public EventPublished {
        required(eventId, "eventId");
        required(name, "name");
        required(timeZone, "timeZone");
        slots = slots == null ? List.of() : List.copyOf(slots);
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
