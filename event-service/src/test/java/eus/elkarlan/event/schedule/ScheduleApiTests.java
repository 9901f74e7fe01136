package eus.elkarlan.event.schedule;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.event.FixtureTests;
import eus.elkarlan.event.Fixtures;
import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.scheduling.ScheduleChecker;
import eus.elkarlan.event.scheduling.ScheduleResult;
import eus.elkarlan.testsupport.PlatformTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import tools.jackson.databind.JsonNode;

@PlatformTest
class ScheduleApiTests extends FixtureTests {

    @Test
    void organizerComputesPublishesAndEveryAgendaFollows() throws Exception {
        // 4 slots (2 morning, 2 afternoon), 2 tables; 4 companies
        String event = f.createEvent(organizer, Fixtures.eventBody("Sched", 2, "10:00", "11:00", "14:00", "15:00"));
        List<String> owners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String owner = UUID.randomUUID().toString();
            owners.add(owner);
            ids.add(f.company(owner, "Company " + i + ", \"quoted\"; semi", i % 2 == 0 ? "ES" : "FR"));
        }
        String path = "/api/v1/events/" + event;
        assertThat(f.call(HttpMethod.POST, path + "/participants", company(owners.get(0)),
                Map.of("companyId", ids.get(0), "unavailableSlots", List.of(1), "fixedTable", 2)).status())
                .isEqualTo(201);
        for (int i = 1; i < 4; i++) {
            f.register(event, owners.get(i), ids.get(i));
        }
        int[][] pairs = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 1, 2 }, { 2, 3 } };
        for (int[] pair : pairs) {
            var r = f.call(HttpMethod.POST, path + "/meeting-requests", company(owners.get(pair[0])),
                    Map.of("fromCompanyId", ids.get(pair[0]), "toCompanyId", ids.get(pair[1]), "session",
                            pair[0] == 2 ? "AFTERNOON" : "ANY"));
            assertThat(r.status()).isEqualTo(201);
            assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + r.text("id") + "/accept",
                    company(owners.get(pair[1])), null).status()).isEqualTo(200);
        }

        // permissions on the schedule
        assertThat(f.call(HttpMethod.POST, path + "/schedule", company(owners.get(0)), Map.of()).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, path + "/schedule", organizer("another-organizer"), Map.of()).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.GET, path + "/schedule", organizer, null).status()).isEqualTo(401);
        assertThat(f.call(HttpMethod.GET, path + "/schedule", company("stranger"), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, path + "/schedule/publish", organizer(organizer), null).status())
                .as("nothing computed yet").isEqualTo(409);

        var job = f.call(HttpMethod.POST, path + "/schedule", organizer(organizer),
                Map.of("timeLimitSeconds", 10, "fairness", 2));
        assertThat(job.status()).isEqualTo(202);
        assertThat(job.text("jobId")).isNotBlank();
        assertThat(job.text("status")).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(
                f.call(HttpMethod.GET, path + "/schedule", organizer(organizer), null).text("status")));
        var schedule = f.call(HttpMethod.GET, path + "/schedule", company(owners.get(3)), null);
        assertThat(schedule.status()).isEqualTo(200);
        JsonNode body = schedule.body();
        assertThat(body.path("meetings").size()).isEqualTo(5);
        assertThat(body.path("unscheduled").size()).isZero();
        assertThat(body.path("optimal").asBoolean()).isTrue();

        // the independent checker on what the API returned
        Event stored = events.findById(event).orElseThrow();
        ScheduleService.Input input = ScheduleService.input(stored);
        List<ScheduleResult.Placement> placements = new ArrayList<>();
        for (JsonNode m : body.path("meetings")) {
            int index = input.meetingIds().indexOf(m.path("meetingId").asString());
            placements.add(new ScheduleResult.Placement(index, m.path("slot").asInt(), m.path("table").asInt()));
            assertThat(m.path("start").asString()).isEqualTo(stored.getSlots().get(m.path("slot").asInt() - 1).start().toString());
        }
        ScheduleResult asReturned = new ScheduleResult(placements, List.of(), body.path("breaks").asInt(),
                true, false, 0, 0);
        assertThat(ScheduleChecker.violations(input.problem(), asReturned, 2)).isEmpty();

        var published = f.call(HttpMethod.POST, path + "/schedule/publish", organizer(organizer), null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().path("publishedSequence").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event)
                .contains("eus.elkarlan.event.schedule-published.v1"));

        // check-in (the parties or the organizer) and feedback (the parties)
        JsonNode first = body.path("meetings").get(0);
        String mid = first.path("meetingId").asString();
        int partyIndex = ids.indexOf(first.path("companyIds").get(0).asString());
        String party = owners.get(partyIndex);
        String meetingPath = path + "/meetings/" + mid;
        assertThat(f.call(HttpMethod.POST, meetingPath + "/check-in", company("stranger"), Map.of("held", true)).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, meetingPath + "/check-in", company(party), Map.of()).status()).isEqualTo(400);
        assertThat(f.call(HttpMethod.POST, meetingPath + "/check-in", company(party), Map.of("held", true)).status())
                .isEqualTo(204);
        assertThat(f.call(HttpMethod.POST, path + "/meetings/nope/check-in", organizer(organizer),
                Map.of("held", false)).status()).isEqualTo(404);
        assertThat(f.call(HttpMethod.POST, meetingPath + "/feedback", company(party), Map.of("rating", 5)).status())
                .isEqualTo(400);
        assertThat(f.call(HttpMethod.POST, meetingPath + "/feedback", organizer(organizer), Map.of("rating", 4)).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, meetingPath + "/feedback", company(party),
                Map.of("rating", 4, "followUpPlanned", true)).status()).isEqualTo(204);

        // statistics, organizer only
        assertThat(f.call(HttpMethod.GET, path + "/stats", company(owners.get(0)), null).status()).isEqualTo(403);
        var stats = f.call(HttpMethod.GET, path + "/stats", organizer(organizer), null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().path("acceptedMeetings").asInt()).isEqualTo(5);
        assertThat(stats.body().path("acceptanceRate").asDouble()).isEqualTo(1.0);
        assertThat(stats.body().path("scheduledMeetings").asInt()).isEqualTo(5);
        assertThat(stats.body().path("totalBreaks").asInt()).isEqualTo(body.path("breaks").asInt());
        // companies alternate ES/FR: 0-1, 0-3, 1-2 and 2-3 cross the border, 0-2 does not
        assertThat(stats.body().path("crossBorderShare").asDouble()).isEqualTo(0.8);
        assertThat(stats.body().path("meetingsHeld").asInt()).isEqualTo(1);
        assertThat(stats.body().path("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(stats.body().path("followUpsPlanned").asInt()).isEqualTo(1);

        // agendas: JSON and iCalendar, for the company and the organizer, nobody else
        String agenda = path + "/agenda/" + ids.get(0);
        assertThat(f.call(HttpMethod.GET, agenda, company(owners.get(1)), null).status()).isEqualTo(403);
        var json = f.call(HttpMethod.GET, agenda, company(owners.get(0)), null);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body().path("meetings").size()).isEqualTo(3);
        for (JsonNode item : json.body().path("meetings")) {
            assertThat(item.path("table").asInt()).as("fixed table kept").isEqualTo(2);
            assertThat(item.path("slot").asInt()).as("unavailable slot respected").isNotEqualTo(1);
        }
        var ics = f.call(HttpMethod.GET, agenda, organizer(organizer), null, MediaType.parseMediaType("text/calendar"));
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.headers().getContentType().toString()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.raw()));
        List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
        assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);
        assertThat(vevents).hasSize(3);
        Set<String> uids = new HashSet<>();
        for (VEvent vevent : vevents) {
            String uid = vevent.getProperty("UID").orElseThrow().getValue();
            uids.add(uid);
            String meetingId = uid.replace("@elkarlan", "");
            JsonNode meeting = null;
            for (JsonNode item : json.body().path("meetings")) {
                if (item.path("meetingId").asString().equals(meetingId)) {
                    meeting = item;
                }
            }
            assertThat(meeting).as("VEVENT for a meeting of the agenda").isNotNull();
            Instant start = Instant.parse(meeting.path("start").asString());
            java.time.temporal.Temporal dtstart = vevent.getDateTimeStart().getDate();
            assertThat(Instant.from(dtstart)).isEqualTo(start);
            assertThat(vevent.getProperty("DTSTART").orElseThrow().getParameter("TZID").orElseThrow().getValue())
                    .isEqualTo("Europe/Madrid");
            assertThat(vevent.getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("1");
            assertThat(vevent.getProperty("LOCATION").orElseThrow().getValue()).contains("Kursaal").contains("table 2");
            assertThat(vevent.getProperty("SUMMARY").orElseThrow().getValue()).startsWith("B2B: Company");
        }
        assertThat(uids).hasSize(3);

        // a late meeting after publication is placed at once, nobody else moves, and it is published
        var late = f.call(HttpMethod.POST, path + "/meeting-requests", company(owners.get(1)),
                Map.of("fromCompanyId", ids.get(1), "toCompanyId", ids.get(3)));
        assertThat(late.status()).isEqualTo(201);
        String lateMeeting = f.call(HttpMethod.POST, path + "/meeting-requests/" + late.text("id") + "/accept",
                company(owners.get(3)), null).text("meetingId");
        await().atMost(Duration.ofSeconds(60)).until(() -> f.call(HttpMethod.GET, path + "/schedule",
                organizer(organizer), null).body().path("publishedSequence").asInt() == 2);
        JsonNode again = f.awaitSchedule(event, organizer);
        Map<String, String> before = new java.util.HashMap<>();
        for (JsonNode m : body.path("meetings")) {
            before.put(m.path("meetingId").asString(), m.path("slot").asInt() + "/" + m.path("table").asInt());
        }
        for (JsonNode m : again.path("meetings")) {
            String id = m.path("meetingId").asString();
            if (!id.equals(lateMeeting)) {
                assertThat(m.path("slot").asInt() + "/" + m.path("table").asInt()).as("kept " + id)
                        .isEqualTo(before.get(id));
            }
        }
        assertThat(again.path("meetings").size() + again.path("unscheduled").size()).isEqualTo(6);
    }

    @Test
    void agendaTellsWhoCheckedInAndMyOwnRatingOnly() {
        String event = f.createEvent(organizer, Fixtures.eventBody("Check-in", 2, "10:00", "11:30"));
        String path = "/api/v1/events/" + event;
        String ownerA = UUID.randomUUID().toString();
        String ownerB = UUID.randomUUID().toString();
        String ownerC = UUID.randomUUID().toString();
        String a = f.company(ownerA, "Alpha", "ES");
        String b = f.company(ownerB, "Beta", "FR");
        String c = f.company(ownerC, "Gamma", "FR");
        f.register(event, ownerA, a);
        f.register(event, ownerB, b);
        f.register(event, ownerC, c);
        String ab = f.meeting(event, ownerA, a, ownerB, b);
        String ac = f.meeting(event, ownerA, a, ownerC, c);
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 10));

        JsonNode before = f.call(HttpMethod.GET, path + "/agenda/" + a, company(ownerA), null).body();
        assertThat(item(before, ab).path("checkIn").isNull()).as("nobody checked in yet").isTrue();
        assertThat(item(before, ab).path("myFeedback").isNull()).isTrue();

        // B notes ab as held and rates it 2; A rates it 4; the organizer notes ac as missed
        assertThat(f.call(HttpMethod.POST, path + "/meetings/" + ab + "/check-in", company(ownerB),
                Map.of("held", true)).status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.POST, path + "/meetings/" + ab + "/feedback", company(ownerB),
                Map.of("rating", 2, "followUpPlanned", false)).status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.POST, path + "/meetings/" + ab + "/feedback", company(ownerA),
                Map.of("rating", 4, "followUpPlanned", true)).status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.POST, path + "/meetings/" + ac + "/check-in", organizer(organizer),
                Map.of("held", false)).status()).isEqualTo(204);

        JsonNode agendaA = f.call(HttpMethod.GET, path + "/agenda/" + a, company(ownerA), null).body();
        assertThat(item(agendaA, ab).path("checkIn").path("held").asBoolean()).isTrue();
        assertThat(item(agendaA, ab).path("checkIn").path("by").asString()).isEqualTo("PARTNER");
        assertThat(item(agendaA, ab).path("checkIn").path("at").asString()).isNotBlank();
        assertThat(item(agendaA, ab).path("myFeedback").path("rating").asInt()).isEqualTo(4);
        assertThat(item(agendaA, ab).path("myFeedback").path("followUpPlanned").asBoolean()).isTrue();
        assertThat(item(agendaA, ac).path("checkIn").path("held").asBoolean()).isFalse();
        assertThat(item(agendaA, ac).path("checkIn").path("by").asString()).isEqualTo("ORGANIZER");
        assertThat(item(agendaA, ac).path("myFeedback").isNull()).isTrue();

        JsonNode agendaB = f.call(HttpMethod.GET, path + "/agenda/" + b, company(ownerB), null).body();
        assertThat(item(agendaB, ab).path("checkIn").path("by").asString()).isEqualTo("ME");
        assertThat(item(agendaB, ab).path("myFeedback").path("rating").asInt()).as("B's own rating, not A's")
                .isEqualTo(2);
        assertThat(f.call(HttpMethod.GET, path + "/agenda/" + b, company(ownerB), null).raw())
                .as("the partner's rating and follow-up never reach B").doesNotContain("\"rating\":4")
                .doesNotContain("\"followUpPlanned\":true");

        // the organizer reading B's agenda sees it as B does
        JsonNode asOrganizer = f.call(HttpMethod.GET, path + "/agenda/" + b, organizer(organizer), null).body();
        assertThat(item(asOrganizer, ab).path("checkIn").path("by").asString()).isEqualTo("ME");

        // the organizer's schedule carries every check-in; a participant's does not
        JsonNode checkIns = f.call(HttpMethod.GET, path + "/schedule", organizer(organizer), null).body()
                .path("checkIns");
        assertThat(checkIns.size()).isEqualTo(2);
        assertThat(checkIns.path(ab).path("held").asBoolean()).isTrue();
        assertThat(checkIns.path(ab).path("byCompanyId").asString()).isEqualTo(b);
        assertThat(checkIns.path(ab).path("byOrganizer").asBoolean()).isFalse();
        assertThat(checkIns.path(ac).path("held").asBoolean()).isFalse();
        assertThat(checkIns.path(ac).path("byOrganizer").asBoolean()).isTrue();
        assertThat(f.call(HttpMethod.GET, path + "/schedule", company(ownerC), null).body().path("checkIns").isNull())
                .isTrue();

        // a second check-in replaces the first, author included
        assertThat(f.call(HttpMethod.POST, path + "/meetings/" + ac + "/check-in", company(ownerC),
                Map.of("held", true)).status()).isEqualTo(204);
        JsonNode again = f.call(HttpMethod.GET, path + "/agenda/" + a, company(ownerA), null).body();
        assertThat(item(again, ac).path("checkIn").path("held").asBoolean()).isTrue();
        assertThat(item(again, ac).path("checkIn").path("by").asString()).isEqualTo("PARTNER");
    }

    @Test
    void statisticsCountParticipantsAndMeetingsPerTerritory() {
        String event = f.createEvent(organizer, Fixtures.eventBody("Territories", 2, "10:00", "12:00"));
        String path = "/api/v1/events/" + event;
        String[] territories = { "LAPURDI", "ZUBEROA", "GIPUZKOA", "GIPUZKOA", "NAFARROA" };
        List<String> owners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < territories.length; i++) {
            owners.add(UUID.randomUUID().toString());
            ids.add(f.companyIn(owners.get(i), "T" + i, territories[i]));
            f.register(event, owners.get(i), ids.get(i));
        }
        JsonNode before = f.call(HttpMethod.GET, path + "/stats", organizer(organizer), null).body();
        assertThat(territoryRows(before)).as("participants, nothing scheduled yet").containsExactly(
                "LAPURDI/IPARRALDE/1/null", "ZUBEROA/IPARRALDE/1/null", "GIPUZKOA/HEGOALDE/2/null",
                "NAFARROA/HEGOALDE/1/null");

        // Lapurdi × Gipuzkoa, Gipuzkoa × Gipuzkoa, Zuberoa × Gipuzkoa
        f.meeting(event, owners.get(0), ids.get(0), owners.get(2), ids.get(2));
        f.meeting(event, owners.get(2), ids.get(2), owners.get(3), ids.get(3));
        f.meeting(event, owners.get(1), ids.get(1), owners.get(3), ids.get(3));
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 10));
        JsonNode after = f.call(HttpMethod.GET, path + "/stats", organizer(organizer), null).body();
        assertThat(after.path("scheduledMeetings").asInt()).isEqualTo(3);
        // a meeting counts once per distinct territory of its parties: Gipuzkoa 3 (not 4), Nafarroa none
        assertThat(territoryRows(after)).containsExactly("LAPURDI/IPARRALDE/1/1", "ZUBEROA/IPARRALDE/1/1",
                "GIPUZKOA/HEGOALDE/2/3", "NAFARROA/HEGOALDE/1/0");
    }

    private static List<String> territoryRows(JsonNode stats) {
        List<String> rows = new ArrayList<>();
        for (JsonNode t : stats.path("territories")) {
            rows.add(t.path("territory").asString() + "/" + t.path("region").asString() + "/"
                    + t.path("participants").asInt() + "/"
                    + (t.path("scheduledMeetings").isNull() ? "null" : t.path("scheduledMeetings").asInt()));
        }
        return rows;
    }

    private static JsonNode item(JsonNode agenda, String meetingId) {
        for (JsonNode m : agenda.path("meetings")) {
            if (m.path("meetingId").asString().equals(meetingId)) {
                return m;
            }
        }
        throw new AssertionError("meeting " + meetingId + " not in " + agenda);
    }

    @Test
    void agendaNeedsAPublishedScheduleAndARegisteredCompany() {
        String owner = UUID.randomUUID().toString();
        String id = f.company(owner, "Solo", "ES");
        String event = f.createEvent(organizer, Fixtures.eventBody("Empty", 2, "10:00", "11:00"));
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/" + event + "/agenda/" + id, company(owner), null).status())
                .isEqualTo(404);
        f.register(event, owner, id);
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/" + event + "/agenda/" + id, company(owner), null).status())
                .isEqualTo(404);
    }
}
