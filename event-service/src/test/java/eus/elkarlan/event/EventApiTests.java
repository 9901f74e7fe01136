package eus.elkarlan.event;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.testsupport.PlatformTest;
import tools.jackson.databind.JsonNode;

@PlatformTest
class EventApiTests extends FixtureTests {

    @Test
    void organizerCreatesAnEventAndTheSlotGridFollowsTheRules() {
        Map<String, Object> body = new HashMap<>(Fixtures.eventBody("Summit", 5, "09:00", "10:00", "15:00", "16:00"));
        body.put("days", List.of(
                Map.of("date", "2030-06-12", "sessions", List.of(Map.of("start", "11:30", "end", "12:30"))),
                Map.of("date", "2030-06-11", "sessions", List.of(Map.of("start", "15:00", "end", "16:00"),
                        Map.of("start", "09:00", "end", "10:15")))));
        var created = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation().toString()).endsWith(created.text("id"));
        JsonNode slots = created.body().path("slots");
        // day 1: 09:00-10:15 → 2 slots (the 15 minutes left make none), 15:00-16:00 → 2; day 2: 11:30 → 2 MORNING
        assertThat(slots.size()).isEqualTo(6);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            assertThat(slots.get(i).path("index").asInt()).isEqualTo(i + 1);
            sessions.add(slots.get(i).path("session").asString());
        }
        assertThat(sessions).containsExactly("MORNING", "MORNING", "AFTERNOON", "AFTERNOON", "MORNING", "MORNING");
        // 09:00 in Madrid in June is 07:00 UTC; back to back
        assertThat(slots.get(0).path("start").asString()).isEqualTo("2030-06-11T07:00:00Z");
        assertThat(slots.get(1).path("start").asString()).isEqualTo("2030-06-11T07:30:00Z");
        assertThat(slots.get(4).path("start").asString()).isEqualTo("2030-06-12T09:30:00Z");
        assertThat(created.body().path("maxRequestsPerParticipant").asInt()).isGreaterThanOrEqualTo(6);

        String id = created.text("id");
        var anonymous = f.call(HttpMethod.GET, "/api/v1/events/" + id, null, null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.text("name")).isEqualTo("Summit");
        assertThat(anonymous.body().has("organizerSubject")).isFalse();
        var list = f.call(HttpMethod.GET, "/api/v1/events?size=500", null, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("size").asInt()).isEqualTo(100);
        assertThat(list.body().has("totalItems")).isTrue();
        assertThat(list.body().has("totalPages")).isTrue();
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/nope", null, null).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> f.messageTypes(Topics.EVENTS, id).contains("eus.elkarlan.event.published.v1"));
    }

    @Test
    void onlyOrganizersCreateEvents() {
        var body = Fixtures.eventBody("X", 2, "09:00", "10:00");
        assertThat(f.call(HttpMethod.POST, "/api/v1/events", null, body).status()).isEqualTo(401);
        assertThat(f.call(HttpMethod.POST, "/api/v1/events", company("c"), body).status()).isEqualTo(403);
        // the role is checked before the body is validated
        assertThat(f.call(HttpMethod.POST, "/api/v1/events", company("c"), Map.of("name", "")).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, "/api/v1/events/none/participants", company("c"), Map.of()).status())
                .as("404 before 400").isEqualTo(404);
    }

    @Test
    void invalidEventsListEveryWrongField() {
        Map<String, Object> body = new HashMap<>(Fixtures.eventBody("", 0, "10:00", "09:00"));
        body.put("timeZone", "Mars/Olympus");
        var r = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().getContentType().toString()).contains("problem+json");
        List<String> fields = new ArrayList<>();
        r.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("name", "tables");

        var semantic = new HashMap<>(Fixtures.eventBody("Ok", 2, "10:00", "09:00"));
        semantic.put("timeZone", "Mars/Olympus");
        var r2 = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), semantic);
        assertThat(r2.status()).isEqualTo(400);
        List<String> fields2 = new ArrayList<>();
        r2.body().path("errors").forEach(e -> fields2.add(e.path("field").asString()));
        assertThat(fields2).contains("timeZone", "days[0].sessions[0].end");

        assertThat(f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), "{\"name\": ").status())
                .isEqualTo(400);
        var operator = new HashMap<>(Fixtures.eventBody("Ok", 2, "09:00", "10:00"));
        operator.put("name", Map.of("$gt", ""));
        assertThat(f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), operator).status()).isEqualTo(400);
        var wrongType = new HashMap<>(Fixtures.eventBody("Ok", 2, "09:00", "10:00"));
        wrongType.put("tables", "many");
        assertThat(f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), wrongType).status()).isEqualTo(400);
    }

    /**
     * Names are one line: the spaces around them go as a browser's trim removes them (the byte
     * order mark and the line separators included), so the edit form sends back what it read;
     * control characters, line breaks inside and broken surrogates are refused with the field.
     */
    @Test
    void namesAreOneLineWithoutTheSpacesAroundThem() {
        var pasted = new HashMap<>(Fixtures.eventBody("\uFEFF Itsaso\u00A0Forum\u200B\u2028\u2029 ", 2, "09:00", "10:00"));
        pasted.put("venue", Map.of("name", "\tKursaal\u00A0", "city", "Donostia\u3000"));
        var created = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), pasted);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("name")).isEqualTo("Itsaso\u00A0Forum\u200B");
        assertThat(created.body().path("venue").path("name").asString()).isEqualTo("Kursaal");
        assertThat(created.body().path("venue").path("city").asString()).isEqualTo("Donostia");

        Map<String, List<String>> refused = Map.of(
                "name", List.of("Itsaso\u0000SL", "Itsaso\nForum", "Itsaso\u2028Forum", "\uFEFF\u2028"),
                "venue.city", List.of("Donostia\u0007"));
        refused.forEach((field, values) -> values.forEach(value -> {
            var body = new HashMap<>(Fixtures.eventBody("Ok", 2, "09:00", "10:00"));
            if (field.equals("name")) {
                body.put("name", value);
            }
            else {
                body.put("venue", Map.of("name", "Kursaal", "city", value));
            }
            var r = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), body);
            String shown = value.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
            assertThat(r.status()).as(shown).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            r.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).as(shown).containsExactly(field);
        }));
        // a lone surrogate can only be sent as its JSON escape
        String json = Fixtures.JSON.writeValueAsString(Fixtures.eventBody("Itsaso-SL", 2, "09:00", "10:00")).replace("Itsaso-SL", "Itsaso\\ud800SL");
        var lone = f.call(HttpMethod.POST, "/api/v1/events", organizer(organizer), json);
        assertThat(lone.status()).isEqualTo(400);
        assertThat(lone.body().path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void onlyTheOwnerRegistersItsCompany() {
        String owner = UUID.randomUUID().toString();
        String companyId = f.company(owner, "Itsaso SL", "ES");
        String event = f.createEvent(organizer, Fixtures.eventBody("Reg", 2, "09:00", "11:00"));
        String path = "/api/v1/events/" + event + "/participants";
        assertThat(f.call(HttpMethod.POST, path, company("intruder"), Map.of("companyId", companyId)).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, path, company(owner), Map.of("companyId", "unknown")).status())
                .isEqualTo(404);
        var bad = f.call(HttpMethod.POST, path, company(owner),
                Map.of("companyId", companyId, "unavailableSlots", List.of(2, 9), "fixedTable", 3));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("unavailableSlots[1]", "fixedTable");
        var ok = f.call(HttpMethod.POST, path, company(owner),
                Map.of("companyId", companyId, "unavailableSlots", List.of(3, 2), "delegates", 2, "fixedTable", 1));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().path("unavailableSlots").toString()).isEqualTo("[2,3]");
        assertThat(ok.body().path("delegates").asInt()).isEqualTo(2);
        assertThat(ok.text("companyName")).isEqualTo("Itsaso SL");
        assertThat(f.call(HttpMethod.POST, path, company(owner), Map.of("companyId", companyId)).status())
                .isEqualTo(409);
        assertThat(f.call(HttpMethod.POST, "/api/v1/events/none/participants", company(owner),
                Map.of("companyId", companyId)).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event)
                .contains("eus.elkarlan.event.participant-registered.v1"));
    }

    @Test
    void theRequestFlowIsForTheTwoPartiesOnly() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String ca = f.company(a, "A", "ES");
        String cb = f.company(b, "B", "FR");
        String cc = f.company(c, "C", "FR");
        String event = f.createEvent(organizer, Fixtures.eventBody("Flow", 2, "09:00", "11:00"));
        f.register(event, a, ca);
        f.register(event, b, cb);
        f.register(event, c, cc);
        String requests = "/api/v1/events/" + event + "/meeting-requests";

        assertThat(f.call(HttpMethod.POST, requests, company(c), Map.of("fromCompanyId", ca, "toCompanyId", cb))
                .status()).as("acting for somebody else's company").isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cb,
                "session", "EVENING")).status()).as("unknown enum").isEqualTo(400);
        var created = f.call(HttpMethod.POST, requests, company(a),
                Map.of("fromCompanyId", ca, "toCompanyId", cb, "message", "Kaixo!", "session", "MORNING"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("PENDING");
        assertThat(created.text("expiresAt")).isNotBlank();
        String rid = created.text("id");
        assertThat(f.call(HttpMethod.POST, requests, company(b), Map.of("fromCompanyId", cb, "toCompanyId", ca))
                .status()).as("one open request per pair, either way").isEqualTo(409);
        assertThat(f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cb))
                .status()).isEqualTo(409);

        String r = requests + "/" + rid;
        assertThat(f.call(HttpMethod.POST, r + "/accept", company(c), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, r + "/decline", company(c), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, r + "/cancel", company(c), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, r + "/accept", company(a), null).status())
                .as("the sender cannot accept its own request").isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, r + "/decline", company(a), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, r + "/accept", null, null).status()).isEqualTo(401);
        assertThat(f.call(HttpMethod.POST, requests + "/nope/accept", company(b), null).status()).isEqualTo(404);
        var accepted = f.call(HttpMethod.POST, r + "/accept", company(b), null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("meetingId")).isNotBlank();
        assertThat(f.call(HttpMethod.POST, r + "/accept", company(b), null).status()).isEqualTo(409);
        assertThat(f.call(HttpMethod.POST, r + "/cancel", company(b), null).status()).isEqualTo(200);
        assertThat(f.call(HttpMethod.POST, r + "/cancel", company(a), null).status()).isEqualTo(409);

        var second = f.call(HttpMethod.POST, requests, company(c), Map.of("fromCompanyId", cc, "toCompanyId", ca));
        assertThat(second.status()).isEqualTo(201);
        var declined = f.call(HttpMethod.POST, requests + "/" + second.text("id") + "/decline", company(a), null);
        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.text("status")).isEqualTo("DECLINED");
        var third = f.call(HttpMethod.POST, requests, company(c), Map.of("fromCompanyId", cc, "toCompanyId", cb));
        assertThat(f.call(HttpMethod.POST, requests + "/" + third.text("id") + "/cancel", company(b), null).status())
                .as("the invited company declines, it does not cancel a pending request").isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, requests + "/" + third.text("id") + "/cancel", company(c), null).status())
                .isEqualTo(200);

        var mine = f.call(HttpMethod.GET, requests, company(c), null);
        assertThat(mine.body().size()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event).containsAll(List.of(
                "eus.elkarlan.event.meeting-requested.v1", "eus.elkarlan.event.meeting-accepted.v1",
                "eus.elkarlan.event.meeting-cancelled.v1", "eus.elkarlan.event.meeting-declined.v1")));
    }

    @Test
    void withdrawingCancelsTheMeetingsAndCancellingTheEventClosesEverything() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String ca = f.company(a, "A", "ES");
        String cb = f.company(b, "B", "FR");
        String cc = f.company(c, "C", "FR");
        String event = f.createEvent(organizer, Fixtures.eventBody("Life", 2, "09:00", "11:00"));
        f.register(event, a, ca);
        f.register(event, b, cb);
        f.register(event, c, cc);
        String requests = "/api/v1/events/" + event + "/meeting-requests";
        var ab = f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cb));
        f.call(HttpMethod.POST, requests + "/" + ab.text("id") + "/accept", company(b), null);
        var ac = f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cc));

        String participant = "/api/v1/events/" + event + "/participants/" + ca;
        assertThat(f.call(HttpMethod.DELETE, participant, company(c), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.DELETE, participant, company(a), null).status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.DELETE, participant, company(a), null).status()).isEqualTo(404);
        var left = f.call(HttpMethod.GET, requests, organizer(organizer), null);
        left.body().forEach(r -> assertThat(r.path("status").asString()).isEqualTo("CANCELLED"));
        assertThat(left.body().size()).isEqualTo(2);
        assertThat(ac.status()).isEqualTo(201);

        var bc = f.call(HttpMethod.POST, requests, company(b), Map.of("fromCompanyId", cb, "toCompanyId", cc));
        assertThat(bc.status()).isEqualTo(201);
        assertThat(f.call(HttpMethod.POST, "/api/v1/events/" + event + "/cancel", company(b), null).status())
                .isEqualTo(403);
        assertThat(f.call(HttpMethod.POST, "/api/v1/events/" + event + "/cancel", organizer("someone-else"), null)
                .status()).isEqualTo(403);
        var cancelled = f.call(HttpMethod.POST, "/api/v1/events/" + event + "/cancel", organizer(organizer), null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(f.call(HttpMethod.GET, requests, company(c), null).body().get(0).path("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(f.call(HttpMethod.POST, requests, company(c), Map.of("fromCompanyId", cc, "toCompanyId", cb))
                .status()).isEqualTo(409);
    }

    @Test
    void aParticipantSendsNoMoreRequestsThanTheCap() {
        String a = UUID.randomUUID().toString();
        String others = UUID.randomUUID().toString();
        String ca = f.company(a, "A", "ES");
        Map<String, Object> body = new HashMap<>(Fixtures.eventBody("Cap", 2, "09:00", "10:00"));
        body.put("maxRequestsPerParticipant", 1);
        String event = f.createEvent(organizer, body);
        f.register(event, a, ca);
        String requests = "/api/v1/events/" + event + "/meeting-requests";
        // the cap is never below the number of slots (2 here)
        for (int i = 0; i < 3; i++) {
            String cx = f.company(others, "X" + i, "FR");
            f.register(event, others, cx);
            var r = f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cx));
            assertThat(r.status()).isEqualTo(i < 2 ? 201 : 429);
        }
    }
}
