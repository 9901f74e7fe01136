package eus.elkarlan.event.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.contracts.ElkarlanMessage;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingCancelled;
import eus.elkarlan.contracts.event.MeetingDeclined;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.contracts.event.ParticipantRegistered;
import eus.elkarlan.contracts.event.Slot;
import eus.elkarlan.event.outbox.OutboxEntry;
import eus.elkarlan.event.system.ApiException;

/**
 * An event with everything that happens inside it: its slot grid, participants and meeting
 * requests. One document, so that each change and the message telling it are one atomic write
 * (optimistic locking guards concurrent changes; the outbox lives in {@code pendingMessages}).
 */
@Document("events")
public class Event {

    public static final String SOURCE = "/event-service";

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    private String venueName;
    private String venueCity;
    private String timeZone;
    private List<Day> days = new ArrayList<>();
    private int slotMinutes;
    private int tables;
    private Instant registrationDeadline;
    private int maxRequestsPerParticipant;
    private String status = "OPEN";
    private String organizerSubject;
    private List<Slot> slots = new ArrayList<>();
    private List<Participant> participants = new ArrayList<>();
    private List<MeetingRequest> requests = new ArrayList<>();
    private List<OutboxEntry> pendingMessages = new ArrayList<>();
    private Instant createdAt;
    /** How many times the organizer edited the event (raises the agendas' iCalendar SEQUENCE). */
    private int revision;

    /** A day and its sessions, times as {@code HH:mm} in the event's zone. */
    public record Day(String date, List<Session> sessions) {
    }

    public record Session(String start, String end) {
    }

    /** A party's view after the meeting: rating 1–4, whether a follow-up is planned. */
    public record Feedback(int rating, boolean followUpPlanned, Instant at) {
    }

    public record Participant(String companyId, List<Integer> unavailableSlots, int delegates, Integer fixedTable,
            Instant registeredAt) {
    }

    /** A meeting request; once accepted it is a meeting to schedule ({@code meetingId}). */
    public static class MeetingRequest {
        /** {@code checkedInBy} when the organizer, not a party, checked the meeting in. */
        public static final String BY_ORGANIZER = "organizer";

        private String id;
        private String fromCompanyId;
        private String toCompanyId;
        private String message;
        private String session;
        private String status;
        private String meetingId;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant closedAt;
        private Boolean held;
        private Instant checkedInAt;
        /** Who told last whether the meeting was held: a party's company id, or {@link #BY_ORGANIZER}. */
        private String checkedInBy;
        private java.util.Map<String, Feedback> feedback = new java.util.HashMap<>();

        public Boolean getHeld() {
            return held;
        }

        public Instant getCheckedInAt() {
            return checkedInAt;
        }

        public String getCheckedInBy() {
            return checkedInBy;
        }

        public java.util.Map<String, Feedback> getFeedback() {
            return feedback == null ? java.util.Map.of() : feedback;
        }

        public String getId() {
            return id;
        }

        public String getFromCompanyId() {
            return fromCompanyId;
        }

        public String getToCompanyId() {
            return toCompanyId;
        }

        public String getMessage() {
            return message;
        }

        public String getSession() {
            return session;
        }

        public String getStatus() {
            return status;
        }

        public String getMeetingId() {
            return meetingId;
        }

        public Instant getCreatedAt() {
            return createdAt;
        }

        public Instant getExpiresAt() {
            return expiresAt;
        }

        public Instant getClosedAt() {
            return closedAt;
        }

        boolean open() {
            return "PENDING".equals(status) || "ACCEPTED".equals(status);
        }

        boolean between(String a, String b) {
            return (fromCompanyId.equals(a) && toCompanyId.equals(b))
                    || (fromCompanyId.equals(b) && toCompanyId.equals(a));
        }

        public boolean involves(String companyId) {
            return fromCompanyId.equals(companyId) || toCompanyId.equals(companyId);
        }
    }

    protected Event() {
    }

    static Event create(String name, String venueName, String venueCity, String timeZone, List<Day> days,
            int slotMinutes, int tables, Instant registrationDeadline, int maxRequests, String organizerSubject,
            List<Slot> slots, Instant now) {
        Event event = new Event();
        event.id = UUID.randomUUID().toString();
        event.name = name;
        event.venueName = venueName;
        event.venueCity = venueCity;
        event.timeZone = timeZone;
        event.days = new ArrayList<>(days);
        event.slotMinutes = slotMinutes;
        event.tables = tables;
        event.registrationDeadline = registrationDeadline;
        event.maxRequestsPerParticipant = Math.max(maxRequests, slots.size());
        event.organizerSubject = organizerSubject;
        event.slots = new ArrayList<>(slots);
        event.createdAt = now;
        event.record(event.published());
        return event;
    }

    /**
     * The organizer edits the event. The caller has checked the schedule side (a published schedule
     * refuses grid changes); here the event guards its own rules: a cancelled event is not edited,
     * tables stay above every fixed table, and when the slot grid changes each participant's
     * unavailability is kept by time (a new slot is unavailable when it overlaps an unavailable old
     * one). Tells the change ({@code event.published} again) only when something others see changed.
     *
     * @return whether the slot grid changed
     */
    boolean edit(String name, String venueName, String venueCity, String timeZone, List<Day> days, int slotMinutes,
            int tables, Instant registrationDeadline, Integer maxRequests, List<Slot> newSlots) {
        if ("CANCELLED".equals(status)) {
            throw ApiException.conflict("the event is cancelled; it can no longer be edited");
        }
        int highestFixed = participants.stream().map(Participant::fixedTable).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).max().orElse(0);
        if (tables < highestFixed) {
            throw ApiException.conflict("a participant keeps table " + highestFixed + " as its fixed table: "
                    + "the event needs at least " + highestFixed + " tables");
        }
        EventPublished before = published();
        boolean gridChanged = !newSlots.equals(slots);
        if (gridChanged) {
            List<Participant> remapped = new ArrayList<>();
            for (Participant p : participants) {
                List<Integer> unavailable = new ArrayList<>();
                for (Slot candidate : newSlots) {
                    boolean overlaps = p.unavailableSlots().stream().filter(i -> i >= 1 && i <= slots.size())
                            .map(i -> slots.get(i - 1)).anyMatch(old -> candidate.start().isBefore(old.end())
                                    && old.start().isBefore(candidate.end()));
                    if (overlaps) {
                        unavailable.add(candidate.index());
                    }
                }
                remapped.add(new Participant(p.companyId(), unavailable, p.delegates(), p.fixedTable(),
                        p.registeredAt()));
            }
            participants = remapped;
        }
        this.name = name;
        this.venueName = venueName;
        this.venueCity = venueCity;
        this.timeZone = timeZone;
        this.days = new ArrayList<>(days);
        this.slotMinutes = slotMinutes;
        this.tables = tables;
        this.registrationDeadline = registrationDeadline;
        this.slots = new ArrayList<>(newSlots);
        this.maxRequestsPerParticipant = Math.max(maxRequests == null ? maxRequestsPerParticipant : maxRequests,
                newSlots.size());
        EventPublished after = published();
        if (!after.equals(before)) {
            revision++;
            record(after);
        }
        return gridChanged;
    }

    EventPublished published() {
        return new EventPublished(id, name, venueName, venueCity, timeZone, slotMinutes, tables, registrationDeadline,
                slots, status, organizerSubject);
    }

    private void record(ElkarlanMessage message) {
        pendingMessages.add(OutboxEntry.of(Envelope.of(SOURCE, message)));
    }

    public boolean isOrganizer(String subject) {
        return organizerSubject != null && organizerSubject.equals(subject);
    }

    public Optional<Participant> participant(String companyId) {
        return participants.stream().filter(p -> p.companyId().equals(companyId)).findFirst();
    }

    public Optional<MeetingRequest> request(String requestId) {
        return requests.stream().filter(r -> r.id.equals(requestId)).findFirst();
    }

    Participant register(String companyId, List<Integer> unavailable, int delegates, Integer fixedTable,
            Instant now) {
        if ("CANCELLED".equals(status)) {
            throw ApiException.conflict("the event is cancelled");
        }
        if (registrationDeadline != null && now.isAfter(registrationDeadline)) {
            throw ApiException.conflict("registration closed at " + registrationDeadline);
        }
        if (participant(companyId).isPresent()) {
            throw ApiException.conflict("company " + companyId + " is already registered");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < unavailable.size(); i++) {
            Integer slot = unavailable.get(i);
            if (slot == null || slot < 1 || slot > slots.size()) {
                errors.add(new ApiException.FieldError("unavailableSlots[" + i + "]",
                        "must be a slot index between 1 and " + slots.size()));
            }
        }
        if (fixedTable != null && (fixedTable < 1 || fixedTable > tables)) {
            errors.add(new ApiException.FieldError("fixedTable", "must be a table between 1 and " + tables));
        }
        if (fixedTable != null && participants.stream().anyMatch(p -> fixedTable.equals(p.fixedTable()))) {
            errors.add(new ApiException.FieldError("fixedTable", "table " + fixedTable + " is already taken"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Participant participant = new Participant(companyId, unavailable.stream().distinct().sorted().toList(),
                delegates, fixedTable, now);
        participants.add(participant);
        record(new ParticipantRegistered(id, companyId, participant.unavailableSlots(), delegates, fixedTable));
        return participant;
    }

    MeetingRequest requestMeeting(String from, String to, String message, String session, Instant now,
            Instant expiresAt) {
        if ("CANCELLED".equals(status)) {
            throw ApiException.conflict("the event is cancelled");
        }
        if (from.equals(to)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("toCompanyId", "must differ from fromCompanyId")));
        }
        if (participant(from).isEmpty()) {
            throw ApiException.conflict("company " + from + " is not registered for this event");
        }
        if (participant(to).isEmpty()) {
            throw ApiException.conflict("company " + to + " is not registered for this event");
        }
        if (requests.stream().anyMatch(r -> r.open() && r.between(from, to))) {
            throw ApiException.conflict("an open request already exists between these companies");
        }
        long sent = requests.stream().filter(r -> r.fromCompanyId.equals(from) && r.open()).count();
        if (sent >= maxRequestsPerParticipant) {
            throw new ApiException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "Request cap reached",
                    "a participant may have at most " + maxRequestsPerParticipant + " open requests sent");
        }
        MeetingRequest request = new MeetingRequest();
        request.id = UUID.randomUUID().toString();
        request.fromCompanyId = from;
        request.toCompanyId = to;
        request.message = message;
        request.session = session;
        request.status = "PENDING";
        request.createdAt = now;
        request.expiresAt = expiresAt;
        requests.add(request);
        record(new MeetingRequested(id, request.id, from, to, message, session, expiresAt));
        return request;
    }

    /** {@code by} is the company the caller acts for; only the invited company may answer. */
    String accept(MeetingRequest request, String by, Instant now) {
        requirePending(request);
        if (!request.toCompanyId.equals(by)) {
            throw ApiException.forbidden("only the invited company may accept");
        }
        request.status = "ACCEPTED";
        request.meetingId = UUID.randomUUID().toString();
        request.closedAt = now;
        record(new MeetingAccepted(id, request.id, request.meetingId, request.fromCompanyId, request.toCompanyId,
                request.session));
        return request.meetingId;
    }

    void decline(MeetingRequest request, String by, Instant now) {
        requirePending(request);
        if (!request.toCompanyId.equals(by)) {
            throw ApiException.forbidden("only the invited company may decline");
        }
        request.status = "DECLINED";
        request.closedAt = now;
        record(new MeetingDeclined(id, request.id, request.fromCompanyId, request.toCompanyId, "DECLINED"));
    }

    /** {@code by} = null when the organizer cancels. */
    void cancel(MeetingRequest request, String by, Instant now) {
        if (!request.open()) {
            throw ApiException.conflict("the request is " + request.status);
        }
        if (by != null && !request.involves(by)) {
            throw ApiException.forbidden("only the two companies may cancel");
        }
        if (by != null && "PENDING".equals(request.status) && !request.fromCompanyId.equals(by)) {
            throw ApiException.forbidden("the invited company declines a pending request, it does not cancel it");
        }
        request.status = "CANCELLED";
        request.closedAt = now;
        record(new MeetingCancelled(id, request.id, request.meetingId, request.fromCompanyId, request.toCompanyId,
                by));
    }

    /** Closes the pending requests whose time is up; true when something changed. */
    boolean expire(Instant now) {
        boolean changed = false;
        for (MeetingRequest request : requests) {
            if ("PENDING".equals(request.status) && request.expiresAt != null && !request.expiresAt.isAfter(now)) {
                request.status = "EXPIRED";
                request.closedAt = now;
                record(new MeetingDeclined(id, request.id, request.fromCompanyId, request.toCompanyId, "EXPIRED"));
                changed = true;
            }
        }
        return changed;
    }

    /** The organizer cancels the event: every open request or meeting is cancelled and told. */
    void cancelEvent(Instant now) {
        if ("CANCELLED".equals(status)) {
            throw ApiException.conflict("the event is already cancelled");
        }
        status = "CANCELLED";
        for (MeetingRequest request : requests) {
            if (request.open()) {
                request.status = "CANCELLED";
                request.closedAt = now;
                record(new MeetingCancelled(id, request.id, request.meetingId, request.fromCompanyId,
                        request.toCompanyId, null));
            }
        }
        record(published());
    }

    /**
     * A participant leaves: its open requests and meetings are cancelled and told ({@code by} = the
     * company itself, or null when the organizer removes it).
     */
    void withdraw(String companyId, String by, Instant now) {
        if (participant(companyId).isEmpty()) {
            throw ApiException.notFound("participant " + companyId);
        }
        participants.removeIf(p -> p.companyId().equals(companyId));
        for (MeetingRequest request : requests) {
            if (request.open() && request.involves(companyId)) {
                request.status = "CANCELLED";
                request.closedAt = now;
                record(new MeetingCancelled(id, request.id, request.meetingId, request.fromCompanyId,
                        request.toCompanyId, by));
            }
        }
    }

    /**
     * An erased company leaves: as {@link #withdraw} (told as cancelled by the company itself), and
     * the request messages it wrote are blanked. True when something changed.
     */
    boolean erase(String companyId, Instant now) {
        boolean changed = false;
        if (participant(companyId).isPresent()) {
            withdraw(companyId, companyId, now);
            changed = true;
        }
        for (MeetingRequest request : requests) {
            if (request.open() && request.involves(companyId)) {
                request.status = "CANCELLED";
                request.closedAt = now;
                record(new MeetingCancelled(id, request.id, request.meetingId, request.fromCompanyId,
                        request.toCompanyId, companyId));
                changed = true;
            }
            if (request.fromCompanyId.equals(companyId) && request.message != null) {
                request.message = null;
                changed = true;
            }
            if (request.feedback != null && request.feedback.remove(companyId) != null) {
                changed = true;
            }
        }
        return changed;
    }

    /** Whether an erasure of the company would change anything here. */
    boolean holdsAnythingOf(String companyId) {
        return participant(companyId).isPresent() || requests.stream().anyMatch(r -> (r.open() && r.involves(companyId))
                || (r.fromCompanyId.equals(companyId) && r.message != null)
                || (r.feedback != null && r.feedback.containsKey(companyId)));
    }

    public Optional<MeetingRequest> meeting(String meetingId) {
        return requests.stream().filter(r -> "ACCEPTED".equals(r.status) && meetingId.equals(r.meetingId))
                .findFirst();
    }

    /** Either party ({@code by} = its company id) or the organizer tells whether the meeting took place. */
    void checkIn(MeetingRequest meeting, boolean held, String by, Instant now) {
        meeting.held = held;
        meeting.checkedInAt = now;
        meeting.checkedInBy = by;
    }

    /** One of the two parties rates the meeting (again: the last answer counts). */
    void feedback(MeetingRequest meeting, String by, int rating, boolean followUp, Instant now) {
        if (meeting.feedback == null) {
            meeting.feedback = new java.util.HashMap<>();
        }
        meeting.feedback.put(by, new Feedback(rating, followUp, now));
    }

    private static void requirePending(MeetingRequest request) {
        if (!"PENDING".equals(request.status)) {
            throw ApiException.conflict("the request is " + request.status);
        }
    }

    public List<MeetingRequest> acceptedMeetings() {
        return requests.stream().filter(r -> "ACCEPTED".equals(r.status)).toList();
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public int getRevision() {
        return revision;
    }

    public String getName() {
        return name;
    }

    public String getVenueName() {
        return venueName;
    }

    public String getVenueCity() {
        return venueCity;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public List<Day> getDays() {
        return days;
    }

    public int getSlotMinutes() {
        return slotMinutes;
    }

    public int getTables() {
        return tables;
    }

    public Instant getRegistrationDeadline() {
        return registrationDeadline;
    }

    public int getMaxRequestsPerParticipant() {
        return maxRequestsPerParticipant;
    }

    public String getStatus() {
        return status;
    }

    public List<Slot> getSlots() {
        return slots;
    }

    public List<Participant> getParticipants() {
        return participants;
    }

    public List<MeetingRequest> getRequests() {
        return requests;
    }

    public List<OutboxEntry> getPendingMessages() {
        return pendingMessages;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
