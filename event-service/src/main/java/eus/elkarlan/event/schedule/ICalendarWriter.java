package eus.elkarlan.event.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an agenda as RFC 5545 iCalendar: one VEVENT per meeting, UID stable per meeting,
 * SEQUENCE = the schedule's publication number, times in UTC, lines folded at 75 octets.
 */
final class ICalendarWriter {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendarWriter() {
    }

    static String write(Agenda agenda, Instant stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Elkarlan//event-service//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(agenda.eventName()));
        line(out, "X-WR-TIMEZONE:" + text(agenda.timeZone()));
        for (Agenda.Item item : agenda.meetings()) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + item.meetingId() + "@elkarlan");
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(item.start()));
            line(out, "DTEND:" + UTC.format(item.end()));
            line(out, "SEQUENCE:" + agenda.sequence());
            line(out, "SUMMARY:" + text("B2B: " + (item.partnerName() == null ? item.partnerCompanyId()
                    : item.partnerName())));
            line(out, "LOCATION:" + text(agenda.venueName() + ", " + agenda.venueCity() + " — table " + item.table()));
            line(out, "DESCRIPTION:" + text(agenda.eventName() + " — slot " + item.slot() + ", table " + item.table()
                    + ", partner company " + item.partnerCompanyId()));
            line(out, "STATUS:CONFIRMED");
            line(out, "TRANSP:OPAQUE");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** TEXT escaping of RFC 5545 §3.3.11. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /** Folds at 75 octets without splitting a UTF-8 character, ends with CRLF. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length();) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
