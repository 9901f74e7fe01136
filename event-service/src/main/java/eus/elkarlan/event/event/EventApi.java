package eus.elkarlan.event.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import eus.elkarlan.contracts.event.Slot;
import eus.elkarlan.event.system.OneLine;

/** Request and response bodies of the event API (allow-lists). */
public final class EventApi {

    private EventApi() {
    }

    public record CreateEvent(@NotBlank @OneLine @Size(max = 200) String name, @NotNull @Valid Venue venue,
            @NotBlank @Size(max = 60) String timeZone, @NotEmpty @Size(max = 14) List<@NotNull @Valid DayBody> days,
            @NotNull @Min(5) @Max(480) Integer slotMinutes, @NotNull @Min(1) @Max(2000) Integer tables,
            @NotNull OffsetDateTime registrationDeadline, @Min(1) @Max(10000) Integer maxRequestsPerParticipant) {
    }

    public record Venue(@NotBlank @OneLine @Size(max = 200) String name,
            @NotBlank @OneLine @Size(max = 100) String city) {
    }

    public record DayBody(@NotNull LocalDate date, @NotEmpty @Size(max = 6) List<@NotNull @Valid SessionBody> sessions) {
    }

    public record SessionBody(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    public record EventView(String id, String name, Venue venue, String timeZone, List<Event.Day> days,
            int slotMinutes, int tables, Instant registrationDeadline, int maxRequestsPerParticipant, String status,
            List<Slot> slots, int participantCount) {

        static EventView of(Event e) {
            return new EventView(e.getId(), e.getName(), new Venue(e.getVenueName(), e.getVenueCity()),
                    e.getTimeZone(), e.getDays(), e.getSlotMinutes(), e.getTables(), e.getRegistrationDeadline(),
                    e.getMaxRequestsPerParticipant(), e.getStatus(), e.getSlots(), e.getParticipants().size());
        }
    }

    public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
    }

    public record Register(@NotBlank @Size(max = 100) String companyId,
            @Size(max = 500) List<@NotNull Integer> unavailableSlots, @Min(1) @Max(20) Integer delegates,
            Integer fixedTable) {
    }

    public record ParticipantView(String eventId, String companyId, String companyName, List<Integer> unavailableSlots,
            int delegates, Integer fixedTable, Instant registeredAt) {
    }

    public enum SessionPreference {
        MORNING, AFTERNOON, ANY
    }

    public record NewRequest(@NotBlank @Size(max = 100) String fromCompanyId,
            @NotBlank @Size(max = 100) String toCompanyId, @Size(max = 2000) String message,
            SessionPreference session) {
    }

    public record RequestView(String id, String eventId, String fromCompanyId, String toCompanyId, String message,
            String session, String status, String meetingId, Instant createdAt, Instant expiresAt) {

        static RequestView of(String eventId, Event.MeetingRequest r) {
            return new RequestView(r.getId(), eventId, r.getFromCompanyId(), r.getToCompanyId(), r.getMessage(),
                    r.getSession(), r.getStatus(), r.getMeetingId(), r.getCreatedAt(), r.getExpiresAt());
        }
    }

    public record Accepted(String meetingId) {
    }
}
