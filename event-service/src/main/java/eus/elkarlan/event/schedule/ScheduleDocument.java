package eus.elkarlan.event.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.event.outbox.OutboxEntry;

/**
 * The schedule of one event ({@code _id} = event id): the last computing job with its best result so
 * far, and the published schedule with its sequence. Its outbox carries {@code schedule-published}.
 */
@Document("schedules")
public record ScheduleDocument(@Id String id, String jobId, String status, Instant startedAt, Instant finishedAt,
        int timeLimitSeconds, int fairness, List<PlacedMeeting> meetings, List<UnscheduledMeeting> unscheduled,
        int breaks, boolean optimal, boolean fairnessRelaxed, String error, List<PlacedMeeting> published,
        int sequence, Instant publishedAt, List<OutboxEntry> pendingMessages) {

    public ScheduleDocument {
        meetings = meetings == null ? List.of() : meetings;
        unscheduled = unscheduled == null ? List.of() : unscheduled;
        published = published == null ? List.of() : published;
        pendingMessages = pendingMessages == null ? new ArrayList<>() : pendingMessages;
    }

    public record PlacedMeeting(String meetingId, List<String> companyIds, int slot, int table, Instant start,
            Instant end) {
    }

    public record UnscheduledMeeting(String meetingId, List<String> companyIds, String reason) {
    }
}
