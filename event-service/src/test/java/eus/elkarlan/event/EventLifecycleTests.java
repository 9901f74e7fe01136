package eus.elkarlan.event;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.testsupport.PlatformTest;
import tools.jackson.databind.JsonNode;

/** Editing an event (PUT with ETag/If-Match) and the withdrawal of an erased company. */
@PlatformTest
class EventLifecycleTests extends FixtureTests {

    static final String PUBLISHED = "eus.elkarlan.event.published.v1";
    static final String CANCELLED = "eus.elkarlan.event.meeting-cancelled.v1";

    private static Map<String, String> ifMatch(String etag) {
        return Map.of("If-Match", etag);
    }

    @Test
    void theOrganizerEditsWithIfMatchAndEveryRefusalComesInTheRightOrder() {
        // 09:00-10:00 and 15:00-16:00, 30-minute slots: 1, 2 MORNING; 3, 4 AFTERNOON
        String event = f.createEvent(organizer, Fixtures.eventBody("Before", 3, "09:00", "10:00", "15:00", "16:00"));
        String path = "/api/v1/events/" + event;
        String owner = UUID.randomUUID().toString();
        String ca = f.company(owner, "Ur", "ES");
        assertThat(f.call(HttpMethod.POST, path + "/participants", company(owner),
                Map.of("companyId", ca, "unavailableSlots", List.of(3), "fixedTable", 3)).status()).isEqualTo(201);

        var read = f.call(HttpMethod.GET, path, null, null);
        String etag = read.headers().getETag();
        assertThat(etag).as("GET carries an ETag").isNotBlank();
        // activity that does not change the event as shown (a request sent) leaves the ETag alone
        String other = UUID.randomUUID().toString();
        String cb = f.company(other, "Bi", "FR");
        f.register(event, other, cb);
        assertThat(f.call(HttpMethod.GET, path, null, null).headers().getETag()).as("one more participant")
                .isNotEqualTo(etag);
        etag = f.call(HttpMethod.GET, path, null, null).headers().getETag();
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests", company(other),
                Map.of("fromCompanyId", cb, "toCompanyId", ca)).status()).isEqualTo(201);
        assertThat(f.call(HttpMethod.GET, path, null, null).headers().getETag()).isEqualTo(etag);

        // the afternoon session moves one hour later and the slots get shorter: 15:00-15:30 was unavailable
        Map<String, Object> edited = new HashMap<>(Fixtures.eventBody("After", 3, "09:00", "10:00", "15:00", "16:30"));
        edited.put("slotMinutes", 30);
        edited.put("days", List.of(Map.of("date", "2030-06-11", "sessions", List.of(
                Map.of("start", "09:00", "end", "10:00"), Map.of("start", "14:30", "end", "16:00")))));
        edited.put("venue", Map.of("name", "Bellevue", "city", "Biarritz"));

        assertThat(f.call(HttpMethod.PUT, path, null, edited, ifMatch(etag)).status()).isEqualTo(401);
        assertThat(f.call(HttpMethod.PUT, path, company(owner), edited, ifMatch(etag)).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.PUT, "/api/v1/events/" + UUID.randomUUID(), organizer(organizer), edited,
                ifMatch(etag)).status()).isEqualTo(404);
        assertThat(f.call(HttpMethod.PUT, path, organizer("another-organizer"), edited, ifMatch(etag)).status())
                .isEqualTo(403);
        var without = f.call(HttpMethod.PUT, path, organizer(organizer), Map.of("name", ""), Map.of());
        assertThat(without.status()).as("428 comes before validation").isEqualTo(428);
        assertThat(without.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(f.call(HttpMethod.PUT, path, organizer(organizer), Map.of("name", ""), ifMatch("\"999\""))
                .status()).as("412 comes before validation").isEqualTo(412);
        Map<String, Object> invalid = new HashMap<>(edited);
        invalid.put("name", " ");
        invalid.put("tables", 0);
        var bad = f.call(HttpMethod.PUT, path, organizer(organizer), invalid, ifMatch(etag));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = bad.body().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).contains("name", "tables");
        Map<String, Object> tooFewTables = new HashMap<>(edited);
        tooFewTables.put("tables", 2);
        var fixedTable = f.call(HttpMethod.PUT, path, organizer(organizer), tooFewTables, ifMatch(etag));
        assertThat(fixedTable.status()).as("a participant keeps table 3").isEqualTo(409);
        assertThat(fixedTable.text("detail")).contains("table 3");

        var ok = f.call(HttpMethod.PUT, path, organizer(organizer), edited, ifMatch(etag));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("name")).isEqualTo("After");
        assertThat(ok.body().path("venue").path("city").asString()).isEqualTo("Biarritz");
        String newTag = ok.headers().getETag();
        assertThat(newTag).isNotBlank().isNotEqualTo(etag);
        // 14:30, 15:00, 15:30 in Madrid (UTC+2 in June); 15:00-15:30 was unavailable: now slot 4
        JsonNode slots = ok.body().path("slots");
        assertThat(slots.size()).isEqualTo(5);
        assertThat(slots.get(3).path("start").asString()).isEqualTo("2030-06-11T13:00:00Z");
        var participants = f.call(HttpMethod.GET, path + "/participants", organizer(organizer), null);
        assertThat(participants.body().valueStream().filter(p -> ca.equals(p.path("companyId").asString()))
                .findFirst().orElseThrow().path("unavailableSlots").valueStream().map(JsonNode::asInt).toList())
                .as("unavailability kept by time").containsExactly(4);

        assertThat(f.call(HttpMethod.PUT, path, organizer(organizer), edited, ifMatch(etag)).status())
                .as("the old ETag is stale now").isEqualTo(412);
        assertThat(f.call(HttpMethod.GET, path, null, null).headers().getETag()).isEqualTo(newTag);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event).stream()
                .filter(PUBLISHED::equals).count() == 2);
        var last = f.messages(Topics.EVENTS, event).stream().filter(m -> m.type().equals(PUBLISHED)).toList().get(1);
        assertThat(last.body().path("name").asString()).isEqualTo("After");
        assertThat(last.body().path("slots").size()).isEqualTo(5);
    }

    @Test
    void anErasedCompanyIsWithdrawnFromItsEventsAndItsPartnersAreTold() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String ca = f.company(a, "Erased", "ES");
        String cb = f.company(b, "Bi", "FR");
        String cc = f.company(c, "Hiru", "FR");
        String event = f.createEvent(organizer, Fixtures.eventBody("Erasure", 2, "09:00", "11:00"));
        String other = f.createEvent(organizer, Fixtures.eventBody("Erasure too", 2, "09:00", "11:00"));
        for (String e : List.of(event, other)) {
            f.register(e, a, ca);
            f.register(e, b, cb);
            f.register(e, c, cc);
        }
        String ab = f.meeting(event, a, ca, b, cb);
        String bc = f.meeting(event, b, cb, c, cc);
        String requests = "/api/v1/events/" + event + "/meeting-requests";
        var pending = f.call(HttpMethod.POST, requests, company(a),
                Map.of("fromCompanyId", ca, "toCompanyId", cc, "message", "Call me on +33 6 12 34 56 78"));
        assertThat(pending.status()).isEqualTo(201);
        f.meeting(other, c, cc, a, ca);
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 5));
        String agendaB = "/api/v1/events/" + event + "/agenda/" + cb;
        assertThat(f.call(HttpMethod.GET, agendaB, company(b), null).body().path("meetings").size()).isEqualTo(2);

        kafka.send(Topics.COMPANIES, ca, Envelope.of("/test", new CompanyDeleted(ca, Instant.now())));

        await().atMost(Duration.ofSeconds(20)).until(() -> events.findById(event).orElseThrow()
                .participant(ca).isEmpty() && events.findById(other).orElseThrow().participant(ca).isEmpty());
        var left = f.call(HttpMethod.GET, requests, organizer(organizer), null).body();
        for (JsonNode r : left) {
            boolean involved = ca.equals(r.path("fromCompanyId").asString()) || ca.equals(r.path("toCompanyId").asString());
            assertThat(r.path("status").asString()).as("request " + r).isEqualTo(involved ? "CANCELLED" : "ACCEPTED");
            if (ca.equals(r.path("fromCompanyId").asString())) {
                assertThat(r.path("message").isNull() || r.path("message").isMissingNode()).as("its words are gone")
                        .isTrue();
            }
        }
        // the partner's agenda lost the meeting at once; the erased company's agenda is gone
        JsonNode agenda = f.call(HttpMethod.GET, agendaB, company(b), null).body();
        assertThat(agenda.path("meetings").valueStream().map(m -> m.path("meetingId").asString()).toList())
                .containsExactly(bc);
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/" + event + "/agenda/" + ca, organizer(organizer), null)
                .status()).isEqualTo(404);
        // and the published schedule follows: the meeting left it, the other stayed in place
        await().atMost(Duration.ofSeconds(20)).until(() -> f.call(HttpMethod.GET, "/api/v1/events/" + event
                + "/schedule", organizer(organizer), null).body().path("meetings").size() == 1);

        // the parties are told: one meeting-cancelled per cancelled request or meeting, naming the erased company
        await().atMost(Duration.ofSeconds(30)).until(() -> cancellations(event).size() == 2
                && cancellations(other).size() == 1);
        assertThat(cancellations(event)).allSatisfy(m -> assertThat(m.path("cancelledByCompanyId").asString())
                .isEqualTo(ca));
        assertThat(cancellations(event).stream().map(m -> m.path("meetingId").asString()).toList()).contains(ab);

        // a second deletion (redelivery) changes nothing
        kafka.send(Topics.COMPANIES, ca, Envelope.of("/test", new CompanyDeleted(ca, Instant.now())));
        // a later message with the same key (same partition) is read after it
        f.company(UUID.randomUUID().toString(), "After the redelivery", "ES", ca);
        assertThat(cancellations(event)).hasSize(2);
        assertThat(cancellations(other)).hasSize(1);
    }

    private List<JsonNode> cancellations(String event) {
        return f.messages(Topics.EVENTS, event).stream().filter(m -> m.type().equals(CANCELLED))
                .map(Fixtures.Message::body).toList();
    }
}
