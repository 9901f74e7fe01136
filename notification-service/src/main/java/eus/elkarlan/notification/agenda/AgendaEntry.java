package eus.elkarlan.notification.agenda;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One scheduled meeting seen by one of its two companies: what reminders are built from.
 *
 * @param id               {@code meetingId:companyId}
 * @param sequence         iCalendar SEQUENCE of the meeting as last published
 * @param remindersSent    the reminder offsets (ISO durations) already turned into mails
 */
@Document("agenda")
public record AgendaEntry(@Id String id, String meetingId, String eventId, String companyId, String partnerCompanyId,
        int slot, int table, Instant start, Instant end, int sequence, List<String> remindersSent) {

    public static String idOf(String meetingId, String companyId) {
        return meetingId + ":" + companyId;
    }
}
