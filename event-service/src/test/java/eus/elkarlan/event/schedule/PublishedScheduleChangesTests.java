package eus.elkarlan.event.schedule;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import eus.elkarlan.event.scheduling.ScheduleChecker;
import eus.elkarlan.event.scheduling.ScheduleResult;
import eus.elkarlan.testsupport.PlatformTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import tools.jackson.databind.JsonNode;

/**
 * After publication: late meetings are placed without moving anybody, cancellations leave the
 * schedule at once, the organizer may allow moves, and only moved or new meetings are told.
 */
@PlatformTest
class PublishedScheduleChangesTests extends FixtureTests {

    static final String RESCHEDULED = "eus.elkarlan.event.meeting-rescheduled.v1";
    static final String PUBLISHED = "eus.elkarlan.event.schedule-published.v1";

    @Test
    void lateMeetingsAndCancellationsMoveNobodyUnlessTheOrganizerAllowsIt() throws Exception {
        // 6 morning slots, 3 tables, 5 companies
        String event = f.createEvent(organizer, Fixtures.eventBody("After publication", 3, "09:00", "12:00"));
        String path = "/api/v1/events/" + event;
        List<String> owners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            owners.add(UUID.randomUUID().toString());
            ids.add(f.company(owners.get(i), "Enpresa " + i, i % 2 == 0 ? "ES" : "FR"));
            f.register(event, owners.get(i), ids.get(i));
        }
        int[][] pairs = { { 0, 1 }, { 0, 2 }, { 1, 2 }, { 2, 3 } };
        List<String> meetings = new ArrayList<>();
        for (int[] p : pairs) {
            meetings.add(f.meeting(event, owners.get(p[0]), ids.get(p[0]), owners.get(p[1]), ids.get(p[1])));
        }
        JsonNode first = f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 5));
        assertThat(first.path("publishedSequence").asInt()).isEqualTo(1);
        Map<String, String> placed = places(first);
        assertThat(placed).hasSize(4);

        // a late meeting (3-4): placed and published by itself, everybody else where they were
        String late = f.meeting(event, owners.get(3), ids.get(3), owners.get(4), ids.get(4));
        await().atMost(Duration.ofSeconds(60)).until(() -> schedule(event).path("publishedSequence").asInt() == 2);
        JsonNode second = schedule(event);
        Map<String, String> afterLate = places(second);
        assertThat(afterLate).hasSize(5).containsKey(late);
        placed.forEach((id, place) -> assertThat(afterLate.get(id)).as("meeting " + id + " kept").isEqualTo(place));
        checkValid(event, second);
        // told: only the new meeting, as a late addition; nobody else is mailed a whole schedule again
        await().atMost(Duration.ofSeconds(30)).until(() -> rescheduled(event).size() == 1);
        JsonNode told = rescheduled(event).get(0);
        assertThat(told.path("meeting").path("meetingId").asString()).isEqualTo(late);
        assertThat(told.path("previousSlot").isNull()).isTrue();
        assertThat(f.messageTypes(Topics.EVENTS, event).stream().filter(PUBLISHED::equals).count()).isEqualTo(1);

        // a calendar agenda of company 2 (meetings 0-2, 1-2, 2-3), then 0-2 is cancelled
        String agenda2 = path + "/agenda/" + ids.get(2);
        assertThat(sequences(f.call(HttpMethod.GET, agenda2, company(owners.get(2)), null,
                MediaType.parseMediaType("text/calendar")).raw())).hasSize(3).allMatch(s -> s == 2);
        String cancelledRequest = f.call(HttpMethod.GET, path + "/meeting-requests", organizer(organizer), null).body()
                .valueStream().filter(r -> meetings.get(1).equals(r.path("meetingId").asString())).findFirst()
                .orElseThrow().path("id").asString();
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + cancelledRequest + "/cancel",
                company(owners.get(0)), null).status()).isEqualTo(200);
        JsonNode third = schedule(event);
        assertThat(third.path("publishedSequence").asInt()).as("the cancellation raised the sequence").isEqualTo(3);
        Map<String, String> afterCancel = places(third);
        assertThat(afterCancel).hasSize(4).doesNotContainKey(meetings.get(1));
        afterCancel.forEach((id, place) -> assertThat(afterLate.get(id)).isEqualTo(place));
        List<Integer> sequences = sequences(f.call(HttpMethod.GET, agenda2, company(owners.get(2)), null,
                MediaType.parseMediaType("text/calendar")).raw());
        assertThat(sequences).as("the agenda lost the meeting, SEQUENCE raised").hasSize(2).allMatch(s -> s == 3);

        // computing again without allowMoves keeps every published meeting; publishing tells nobody
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 3));
        JsonNode kept = schedule(event);
        assertThat(kept.path("publishedSequence").asInt()).isEqualTo(4);
        assertThat(places(kept)).isEqualTo(afterCancel);

        // the organizer allows moves: only the meetings that moved are told
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 5, "allowMoves", true));
        JsonNode moved = schedule(event);
        assertThat(moved.path("publishedSequence").asInt()).isEqualTo(5);
        checkValid(event, moved);
        Set<String> expected = new HashSet<>();
        places(moved).forEach((id, place) -> {
            if (!place.equals(afterCancel.get(id))) {
                expected.add(id);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event).stream()
                .filter(PUBLISHED::equals).count() == 3);
        Set<String> toldMoved = new HashSet<>();
        for (JsonNode m : rescheduled(event)) {
            if (m.path("sequence").asInt() == 5) {
                toldMoved.add(m.path("meeting").path("meetingId").asString());
                assertThat(m.path("previousSlot").isNull()).as("moved, not new").isFalse();
            }
        }
        assertThat(toldMoved).isEqualTo(expected);
        assertThat(rescheduled(event).stream().filter(m -> m.path("sequence").asInt() == 4)).isEmpty();
    }

    @Test
    void aPublishedGridIsNotEditedButTheVenueIsAndTheCalendarFollows() throws Exception {
        String event = f.createEvent(organizer, Fixtures.eventBody("Edit after publication", 2, "09:00", "10:00"));
        String path = "/api/v1/events/" + event;
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String ca = f.company(a, "Alfa", "ES");
        String cb = f.company(b, "Beta", "FR");
        f.register(event, a, ca);
        f.register(event, b, cb);
        f.meeting(event, a, ca, b, cb);
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 3));

        Map<String, Object> body = new HashMap<>(Fixtures.eventBody("Edit after publication", 2, "09:00", "11:00"));
        String etag = f.call(HttpMethod.GET, path, null, null).headers().getETag();
        var refused = f.call(HttpMethod.PUT, path, organizer(organizer), body, Map.of("If-Match", etag));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("published");
        Map<String, Object> fewerTables = new HashMap<>(Fixtures.eventBody("Edit after publication", 1, "09:00", "10:00"));
        int tableUsed = schedule(event).path("meetings").get(0).path("table").asInt();
        if (tableUsed > 1) {
            assertThat(f.call(HttpMethod.PUT, path, organizer(organizer), fewerTables, Map.of("If-Match", etag))
                    .status()).isEqualTo(409);
        }

        Map<String, Object> venue = new HashMap<>(Fixtures.eventBody("Edit after publication", 2, "09:00", "10:00"));
        venue.put("venue", Map.of("name", "Tabakalera", "city", "Donostia"));
        assertThat(f.call(HttpMethod.PUT, path, organizer(organizer), venue, Map.of("If-Match", etag)).status())
                .isEqualTo(200);
        String ics = f.call(HttpMethod.GET, path + "/agenda/" + ca, company(a), null,
                MediaType.parseMediaType("text/calendar")).raw();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent vevent = (VEvent) calendar.getComponents(Component.VEVENT).get(0);
        assertThat(vevent.getProperty("LOCATION").orElseThrow().getValue()).contains("Tabakalera");
        assertThat(vevent.getProperty("SEQUENCE").orElseThrow().getValue()).as("publication 1 + one edit").isEqualTo("2");
    }

    @Test
    void aGridChangeBeforePublicationMakesTheComputedDraftStale() {
        String event = f.createEvent(organizer, Fixtures.eventBody("Draft", 2, "09:00", "10:00"));
        String path = "/api/v1/events/" + event;
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String ca = f.company(a, "Lehen", "ES");
        String cb = f.company(b, "Bigarren", "FR");
        f.register(event, a, ca);
        f.register(event, b, cb);
        f.meeting(event, a, ca, b, cb);
        assertThat(f.call(HttpMethod.POST, path + "/schedule", organizer(organizer), Map.of("timeLimitSeconds", 3))
                .status()).isEqualTo(202);
        assertThat(f.awaitSchedule(event, organizer).path("status").asString()).isEqualTo("DONE");

        String etag = f.call(HttpMethod.GET, path, null, null).headers().getETag();
        Map<String, Object> longer = Fixtures.eventBody("Draft", 2, "09:00", "11:00");
        assertThat(f.call(HttpMethod.PUT, path, organizer(organizer), longer, Map.of("If-Match", etag)).status())
                .isEqualTo(200);
        assertThat(schedule(event).path("status").asString()).isEqualTo("STALE");
        assertThat(f.call(HttpMethod.POST, path + "/schedule/publish", organizer(organizer), null).status())
                .as("a draft on the old grid is not published").isEqualTo(409);
        JsonNode published = f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 3));
        assertThat(published.path("meetings").get(0).path("slot").asInt()).isBetween(1, 4);
    }

    private JsonNode schedule(String event) {
        return f.call(HttpMethod.GET, "/api/v1/events/" + event + "/schedule", organizer(organizer), null).body();
    }

    private static Map<String, String> places(JsonNode schedule) {
        Map<String, String> places = new HashMap<>();
        for (JsonNode m : schedule.path("meetings")) {
            places.put(m.path("meetingId").asString(), m.path("slot").asInt() + "/" + m.path("table").asInt());
        }
        return places;
    }

    private List<JsonNode> rescheduled(String event) {
        return f.messages(Topics.EVENTS, event).stream().filter(m -> m.type().equals(RESCHEDULED))
                .map(Fixtures.Message::body).toList();
    }

    private static List<Integer> sequences(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<Integer> sequences = new ArrayList<>();
        for (Object c : calendar.getComponents(Component.VEVENT)) {
            sequences.add(Integer.parseInt(((VEvent) c).getProperty("SEQUENCE").orElseThrow().getValue()));
        }
        return sequences;
    }

    /** The independent checker on the schedule as the API returned it. */
    private void checkValid(String event, JsonNode schedule) {
        ScheduleService.Input input = ScheduleService.input(events.findById(event).orElseThrow());
        List<ScheduleResult.Placement> placements = new ArrayList<>();
        for (JsonNode m : schedule.path("meetings")) {
            placements.add(new ScheduleResult.Placement(input.meetingIds().indexOf(m.path("meetingId").asString()),
                    m.path("slot").asInt(), m.path("table").asInt()));
        }
        assertThat(placements).allMatch(p -> p.meeting() >= 0);
        assertThat(ScheduleChecker.violations(input.problem(), new ScheduleResult(placements, List.of(),
                schedule.path("breaks").asInt(), false, true, 0, 0), 100)).isEmpty();
    }
}
