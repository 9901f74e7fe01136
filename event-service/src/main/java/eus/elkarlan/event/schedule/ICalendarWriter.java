package eus.elkarlan.event.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an agenda as RFC 5545 iCalendar: one VEVENT per meeting, UID stable per meeting,
 * SEQUENCE = the schedule's publication number, local times with the event's VTIMEZONE (taken
 * from the tz definitions bundled with ical4j; UTC times when the zone is not found), lines folded
 * at 75 octets.
 */
final class ICalendarWriter {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private ICalendarWriter() {
    }

    /** The VTIMEZONE block of a zone, from ical4j's bundled definitions; empty when unknown. */
    static List<String> vtimezone(String zoneId) {
        if (zoneId == null || !zoneId.matches("[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)*")) {
            return List.of();
        }
        try (InputStream in = ICalendarWriter.class.getClassLoader()
                .getResourceAsStream("zoneinfo/" + zoneId + ".ics")) {
            if (in == null) {
                return List.of();
            }
            List<String> lines = new ArrayList<>();
            boolean inside = false;
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\r?\\n")) {
                if (l.startsWith("BEGIN:VTIMEZONE")) {
                    inside = true;
                }
                if (inside && !l.isEmpty()) {
                    if (l.startsWith(" ") && !lines.isEmpty()) {
                        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + l.substring(1));
                    } else {
                        lines.add(l);
                    }
                }
                if (l.startsWith("END:VTIMEZONE")) {
                    break;
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
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
        List<String> vtimezone = vtimezone(agenda.timeZone());
        vtimezone.forEach(l -> line(out, l));
        java.time.ZoneId zone = vtimezone.isEmpty() ? null : java.time.ZoneId.of(agenda.timeZone());
        for (Agenda.Item item : agenda.meetings()) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + item.meetingId() + "@elkarlan");
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, zone == null ? "DTSTART:" + UTC.format(item.start())
                    : "DTSTART;TZID=" + agenda.timeZone() + ":" + LOCAL.format(item.start().atZone(zone)));
            line(out, zone == null ? "DTEND:" + UTC.format(item.end())
                    : "DTEND;TZID=" + agenda.timeZone() + ":" + LOCAL.format(item.end().atZone(zone)));
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
