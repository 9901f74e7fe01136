package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingCancelled;
import eus.elkarlan.contracts.event.MeetingDeclined;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.contracts.event.MeetingRescheduled;
import eus.elkarlan.contracts.event.SchedulePublished;
import eus.elkarlan.contracts.event.ScheduledMeeting;
import eus.elkarlan.contracts.match.MatchSuggested;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;

class MailTests extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private String event(String name) {
        String eventId = newId();
        publish(new EventPublished(eventId, name, "Kursaal", "Donostia", "Europe/Madrid", 30, 20,
                Instant.now().plus(Duration.ofDays(10)), List.of(), "OPEN", newId()));
        return eventId;
    }

    private static MimeMessage onlyMailTo(String address) {
        await().atMost(WAIT).until(() -> mailsTo(address).size() >= 1);
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    @Test
    void meetingMailsAreWrittenInTheRecipientsFirstWorkingLanguage() throws Exception {
        TestCompany basque = registered("Itsaso Zibersegurtasuna SL", "eu", "es");
        TestCompany french = registered("Adour Numérique SAS", "fr", "eu");
        TestCompany spanish = registered("Bilbao Datos SL", "es");
        TestCompany english = registered("Pamplona Robotics SL", "en", "es");
        String eventId = event("Euskal Digital Tech Summit");

        publish(new MeetingRequested(eventId, newId(), french.id(), basque.id(), "Elkarrekin lan egin dezagun", "ANY",
                null));
        MimeMessage requested = onlyMailTo(basque.email());
        assertThat(requested.getSubject()).isEqualTo("Bilera-eskaera: Adour Numérique SAS");
        assertThat(part(requested, "text/plain")).contains("Kaixo Miren Etxeberria:")
                .contains("Adour Numérique SAS enpresak zurekin bildu nahi du Euskal Digital Tech Summit ekitaldian")
                .contains("Elkarrekin lan egin dezagun").contains("/api/v1/notifications/unsubscribe?token=");
        assertThat(part(requested, "text/html")).contains("<html lang=\"eu\">").contains("Adour Numérique SAS");

        publish(new MeetingAccepted(eventId, newId(), newId(), french.id(), basque.id(), "ANY"));
        MimeMessage accepted = onlyMailTo(french.email());
        assertThat(accepted.getSubject()).isEqualTo("Itsaso Zibersegurtasuna SL a accepté votre demande de rendez-vous");
        assertThat(part(accepted, "text/plain")).contains("Bonjour Miren Etxeberria,").contains("Euskal Digital Tech Summit");
        assertThat(part(accepted, "text/html")).contains("lang=\"fr\"");

        publish(new MeetingDeclined(eventId, newId(), spanish.id(), english.id(), null));
        MimeMessage declined = onlyMailTo(spanish.email());
        assertThat(declined.getSubject()).isEqualTo("Pamplona Robotics SL ha rechazado su solicitud de reunión");
        assertThat(part(declined, "text/plain")).contains("Hola Miren Etxeberria:");

        publish(new MeetingCancelled(eventId, newId(), null, english.id(), basque.id(), basque.id()));
        MimeMessage cancelled = onlyMailTo(english.email());
        assertThat(cancelled.getSubject()).isEqualTo("Meeting cancelled: Itsaso Zibersegurtasuna SL");
        assertThat(part(cancelled, "text/plain")).contains("Your meeting with Itsaso Zibersegurtasuna SL at "
                + "Euskal Digital Tech Summit is cancelled.");
        // the one who cancelled is not told
        assertThat(mailsTo(basque.email())).hasSize(1);
    }

    @Test
    void aPublishedScheduleSendsEachParticipantItsCalendarAndAMoveUpdatesIt() throws Exception {
        TestCompany french = registered("Baiona Web SARL", "fr");
        TestCompany spanish = registered("Irun Logistics SL", "es");
        TestCompany english = registered("Vitoria Games SL", "en");
        String eventId = event("Summit Baiona 2027");
        Instant day = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        String m1 = newId();
        String m2 = newId();
        publish(new SchedulePublished(eventId, "Summit Baiona 2027", "Kursaal", "Europe/Paris", List.of(
                new ScheduledMeeting(m1, List.of(french.id(), spanish.id()), 1, 3, day, day.plus(Duration.ofMinutes(30))),
                new ScheduledMeeting(m2, List.of(english.id(), french.id()), 2, 5, day.plus(Duration.ofMinutes(30)),
                        day.plus(Duration.ofMinutes(60)))), 1));

        MimeMessage agenda = onlyMailTo(french.email());
        assertThat(agenda.getSubject()).isEqualTo("Summit Baiona 2027 : votre agenda est prêt");
        assertThat(part(agenda, "text/plain")).contains("Vous avez 2 rendez-vous").contains("table 3 \u2014 Irun Logistics SL")
                .contains("table 5 \u2014 Vitoria Games SL");
        Calendar calendar = new CalendarBuilder().build(new StringReader(part(agenda, "text/calendar")));
        List<CalendarComponent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(2);
        Map<String, CalendarComponent> byUid = Map.of(value(events.get(0), Property.UID), events.get(0),
                value(events.get(1), Property.UID), events.get(1));
        assertThat(byUid).containsKeys(m1 + "@elkarlan.eus", m2 + "@elkarlan.eus");
        CalendarComponent first = byUid.get(m1 + "@elkarlan.eus");
        assertThat(value(first, Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(first, Property.DTSTART)).isEqualTo(ical(day));
        assertThat(value(first, Property.SUMMARY)).isEqualTo("Rendez-vous avec Irun Logistics SL \u2014 Summit Baiona 2027");
        assertThat(value(first, Property.LOCATION)).isEqualTo("Kursaal, table 3");
        onlyMailTo(spanish.email());
        onlyMailTo(english.email());

        Instant later = day.plus(Duration.ofHours(2));
        publish(new MeetingRescheduled(eventId, "Summit Baiona 2027", "Europe/Paris",
                new ScheduledMeeting(m1, List.of(french.id(), spanish.id()), 5, 7, later, later.plus(Duration.ofMinutes(30))),
                1, 3, 2));
        await().atMost(WAIT).until(() -> mailsTo(spanish.email()).size() == 2);
        MimeMessage moved = mailsTo(spanish.email()).stream().filter(m -> subject(m).startsWith("Reunión cambiada"))
                .findFirst().orElseThrow();
        assertThat(moved.getSubject()).isEqualTo("Reunión cambiada: Baiona Web SARL");
        assertThat(part(moved, "text/plain")).contains("mesa 7");
        Calendar updated = new CalendarBuilder().build(new StringReader(part(moved, "text/calendar")));
        CalendarComponent event = updated.<CalendarComponent>getComponents(Component.VEVENT).get(0);
        assertThat(value(event, Property.UID)).isEqualTo(m1 + "@elkarlan.eus");
        assertThat(Integer.parseInt(value(event, Property.SEQUENCE))).isGreaterThan(1);
        assertThat(value(event, Property.DTSTART)).isEqualTo(ical(later));
    }

    @Test
    void aScheduledMeetingCancelledByTheOrganizerTellsBothWithACancellingCalendar() throws Exception {
        TestCompany english = registered("Zarautz Surf Tech", "en");
        TestCompany basque = registered("Azkoitia Machines", "eu");
        String eventId = event("Cancel Fair");
        Instant at = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
        String meeting = newId();
        publish(new SchedulePublished(eventId, "Cancel Fair", "Kursaal", "Europe/Madrid", List.of(
                new ScheduledMeeting(meeting, List.of(english.id(), basque.id()), 1, 1, at, at.plus(Duration.ofMinutes(30)))),
                4));
        onlyMailTo(english.email());
        publish(new MeetingCancelled(eventId, newId(), meeting, english.id(), basque.id(), null));
        await().atMost(WAIT).until(() -> mailsTo(english.email()).size() == 2 && mailsTo(basque.email()).size() == 2);
        MimeMessage cancelled = mailsTo(english.email()).stream()
                .filter(m -> subject(m).startsWith("Meeting cancelled")).findFirst().orElseThrow();
        Calendar calendar = new CalendarBuilder().build(new StringReader(part(cancelled, "text/calendar")));
        assertThat(calendar.getProperty(Property.METHOD).map(Property::getValue).orElseThrow()).isEqualTo("CANCEL");
        CalendarComponent event = calendar.<CalendarComponent>getComponents(Component.VEVENT).get(0);
        assertThat(value(event, Property.UID)).isEqualTo(meeting + "@elkarlan.eus");
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(Integer.parseInt(value(event, Property.SEQUENCE))).isGreaterThan(4);
        assertThat(mailsTo(basque.email())).extracting(MailTests::subject).contains("Bilera bertan behera: Zarautz Surf Tech");
    }

    @Test
    void aMeetingSoonGetsOneReminderTheClosestOffset() throws Exception {
        TestCompany basque = registered("Durango Hardware SL", "eu");
        TestCompany other = registered("Hendaia Conseil", "fr");
        String eventId = event("Topaketa");
        Instant soon = Instant.now().plus(Duration.ofMinutes(10));
        String meeting = newId();
        publish(new SchedulePublished(eventId, "Topaketa", "Kursaal", "Europe/Madrid", List.of(
                new ScheduledMeeting(meeting, List.of(basque.id(), other.id()), 1, 2, soon, soon.plus(Duration.ofMinutes(30)))),
                1));
        await().atMost(WAIT).until(() -> mailsTo(basque.email()).stream()
                .anyMatch(m -> subject(m).startsWith("Oroigarria")));
        MimeMessage reminder = mailsTo(basque.email()).stream().filter(m -> subject(m).startsWith("Oroigarria"))
                .findFirst().orElseThrow();
        assertThat(reminder.getSubject()).isEqualTo("Oroigarria: bilera Hendaia Conseil enpresarekin");
        assertThat(part(reminder, "text/plain")).contains("2. mahaian");
        // the day-before offset is due as well, but only the closest one is sent
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mailsTo(basque.email()).stream()
                .filter(m -> subject(m).startsWith("Oroigarria")).count() == 1);
    }

    @Test
    void anUnansweredRequestIsNudgedOnceAndAnAnsweredOneNever() throws Exception {
        TestCompany asker = registered("Tolosa Apps SL", "es");
        TestCompany invited = registered("Anglet Studio", "en");
        TestCompany busy = registered("Eibar Metal 4.0", "eu");
        String eventId = event("Meetup");
        publish(new MeetingRequested(eventId, newId(), asker.id(), invited.id(), null, "ANY", null));
        String answered = newId();
        publish(new MeetingRequested(eventId, answered, asker.id(), busy.id(), null, "ANY", null));
        publish(new MeetingAccepted(eventId, answered, newId(), asker.id(), busy.id(), "ANY"));

        await().atMost(WAIT).until(() -> nudgesTo(invited.email()).size() == 1);
        MimeMessage nudge = nudgesTo(invited.email()).get(0);
        assertThat(nudge.getSubject()).isEqualTo("Waiting for your answer: Tolosa Apps SL");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> nudgesTo(invited.email()).size() == 1
                && mailsTo(invited.email()).size() == 1 && mailsTo(busy.email()).size() == 1
                && nudgesTo(busy.email()).isEmpty());
    }

    @Test
    void matchSuggestionsWaitForTheDigestSentAtMostOncePerWindow() throws Exception {
        TestCompany company = registered("Hernani Analytics SL", "eu");
        publish(new MatchSuggested(company.id(), newId(), "Biarritz Cloud SAS", 0.87, true, List.of()));
        await().atMost(WAIT).until(() -> mailsTo(company.email()).size() == 1);
        publish(new MatchSuggested(company.id(), newId(), "Donibane Data", 0.71, true, List.of()));
        await().atMost(WAIT).until(() -> mongo.count(Query.query(Criteria.where("companyId").is(company.id())), "feed") == 2);
        MimeMessage digest = mailsTo(company.email()).get(0);
        assertThat(digest.getSubject()).startsWith("Zure Elkarlan laburpena");
        assertThat(part(digest, "text/plain")).contains("Kaixo Miren Etxeberria:")
                .contains("Bat-etortze berria: Biarritz Cloud SAS (%87)");
        // the second suggestion waits for the next window
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mailsTo(company.email()).size() == 1);
        assertThat(mongo.count(Query.query(Criteria.where("companyId").is(company.id()).and("status").is("DIGEST_QUEUED")),
                "mails")).isEqualTo(1);
    }

    @Test
    void theUnsubscribeLinkStopsThatKindOfMailButNotTheFeed() throws Exception {
        TestCompany company = registered("Oñati Sensors SL", "en");
        TestCompany partner = registered("Mauleon Textile", "fr");
        String eventId = event("Fair");
        publish(new MeetingAccepted(eventId, newId(), newId(), company.id(), partner.id(), "ANY"));
        MimeMessage first = onlyMailTo(company.email());
        Matcher link = Pattern.compile("https?://[^/\\s]+(/api/v1/notifications/unsubscribe\\?token=\\S+)")
                .matcher(part(first, "text/plain"));
        assertThat(link.find()).isTrue();
        var answer = client().get().uri(java.net.URI.create("http://127.0.0.1:" + port + link.group(1))).retrieve()
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        var forged = client().get().uri("/api/v1/notifications/unsubscribe?token=eHh4fE1FRVRJTkdfQUNDRVBURUQ.00")
                .retrieve().toEntity(String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(404);

        publish(new MeetingAccepted(eventId, newId(), newId(), company.id(), partner.id(), "ANY"));
        publish(new MeetingDeclined(eventId, newId(), company.id(), partner.id(), null));
        await().atMost(WAIT).until(() -> mailsTo(company.email()).size() == 2);
        assertThat(mailsTo(company.email())).extracting(MailTests::subject)
                .containsExactly("Mauleon Textile accepted your meeting request",
                        "Mauleon Textile declined your meeting request");
        assertThat(mongo.count(Query.query(Criteria.where("companyId").is(company.id())), "feed")).isEqualTo(3);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String value(CalendarComponent component, String property) {
        return component.getProperty(property).map(Property::getValue).orElseThrow();
    }

    private static String ical(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(instant);
    }
}
