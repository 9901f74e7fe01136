package eus.elkarlan.notification.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * iCalendar (RFC 5545) files of meetings: one VEVENT per meeting, UID stable per meeting
 * ({@code <meetingId>@elkarlan.eus}), SEQUENCE growing with every change, so that a calendar
 * updates the meeting it already holds instead of adding another. Times are in UTC.
 */
public final class IcsCalendar {

    public static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private IcsCalendar() {
    }

    /** One meeting as it goes into the file. */
    public record Meeting(String meetingId, Instant start, Instant end, int sequence, String summary,
            String location, String description, boolean cancelled) {
    }

    public static String uid(String meetingId) {
        return meetingId + "@elkarlan.eus";
    }

    public static String of(List<Meeting> meetings, Instant stamp) {
        boolean allCancelled = !meetings.isEmpty() && meetings.stream().allMatch(Meeting::cancelled);
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Elkarlan//notification-service//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + (allCancelled ? "CANCEL" : "PUBLISH"));
        for (Meeting meeting : meetings) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + uid(meeting.meetingId()));
            line(out, "DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
            line(out, "DTSTART:" + UTC.format(meeting.start()));
            line(out, "DTEND:" + UTC.format(meeting.end()));
            line(out, "SEQUENCE:" + Math.max(0, meeting.sequence()));
            line(out, "SUMMARY:" + escape(meeting.summary()));
            if (meeting.location() != null) {
                line(out, "LOCATION:" + escape(meeting.location()));
            }
            if (meeting.description() != null) {
                line(out, "DESCRIPTION:" + escape(meeting.description()));
            }
            line(out, "STATUS:" + (meeting.cancelled() ? "CANCELLED" : "CONFIRMED"));
            line(out, "TRANSP:OPAQUE");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Writes a content line folded at 75 octets, never inside a UTF-8 sequence. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }
}
