package eus.elkarlan.event;

import static eus.elkarlan.event.Fixtures.company;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import eus.elkarlan.testsupport.PlatformTest;

/** A POST repeated with the same Idempotency-Key returns the first answer and has no second effect. */
@PlatformTest
class IdempotencyKeyTests extends FixtureTests {

    @Test
    void aRepeatedKeyReplaysTheFirstAnswerWithoutASecondEffect() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String ca = f.company(a, "Alfa", "ES");
        String cb = f.company(b, "Beta", "FR");
        String cc = f.company(b, "Beta bis", "FR");

        // event creation: two POSTs with one key make one event
        String key = UUID.randomUUID().toString();
        String name = "Once " + key;
        Map<String, Object> body = Fixtures.eventBody(name, 2, "09:00", "10:00");
        var created = f.call(HttpMethod.POST, "/api/v1/events", Fixtures.organizer(organizer), body,
                Map.of("Idempotency-Key", key));
        var again = f.call(HttpMethod.POST, "/api/v1/events", Fixtures.organizer(organizer), body,
                Map.of("Idempotency-Key", key));
        assertThat(created.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(created.text("id"));
        assertThat(again.headers().getLocation()).isEqualTo(created.headers().getLocation());
        assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String event = created.text("id");
        assertThat(events.findAll().stream().filter(e -> e.getName().equals(name)).count()).isEqualTo(1);

        // registration: the repeat answers 201 again (not 409 "already registered")
        String participants = "/api/v1/events/" + event + "/participants";
        String registration = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            var r = f.call(HttpMethod.POST, participants, company(a), Map.of("companyId", ca),
                    Map.of("Idempotency-Key", registration));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.text("companyId")).isEqualTo(ca);
        }
        f.register(event, b, cb);
        f.register(event, b, cc);
        assertThat(events.findById(event).orElseThrow().getParticipants()).hasSize(3);

        // a meeting request: one request, the same id twice
        String requests = "/api/v1/events/" + event + "/meeting-requests";
        String requestKey = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("fromCompanyId", ca, "toCompanyId", cb, "message", "Kaixo");
        var first = f.call(HttpMethod.POST, requests, company(a), request, Map.of("Idempotency-Key", requestKey));
        var second = f.call(HttpMethod.POST, requests, company(a), request, Map.of("Idempotency-Key", requestKey));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(events.findById(event).orElseThrow().getRequests()).hasSize(1);

        // the same key with another body is refused; another caller's same key is its own
        var reused = f.call(HttpMethod.POST, requests, company(a),
                Map.of("fromCompanyId", ca, "toCompanyId", cc), Map.of("Idempotency-Key", requestKey));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.headers().getContentType().toString()).startsWith("application/problem+json");
        var otherCaller = f.call(HttpMethod.POST, requests, company(b),
                Map.of("fromCompanyId", cb, "toCompanyId", ca), Map.of("Idempotency-Key", requestKey));
        assertThat(otherCaller.status()).as("an open request exists for the pair").isEqualTo(409);
        assertThat(events.findById(event).orElseThrow().getRequests()).hasSize(1);

        // an accept repeated with its key is answered again, not refused as "not pending"
        String acceptKey = UUID.randomUUID().toString();
        var accepted = f.call(HttpMethod.POST, requests + "/" + first.text("id") + "/accept", company(b), null,
                Map.of("Idempotency-Key", acceptKey));
        var acceptedAgain = f.call(HttpMethod.POST, requests + "/" + first.text("id") + "/accept", company(b), null,
                Map.of("Idempotency-Key", acceptKey));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(acceptedAgain.status()).as("replayed, not 409 'not pending'").isEqualTo(200);
        assertThat(acceptedAgain.text("meetingId")).isEqualTo(accepted.text("meetingId"));

        // a malformed key names the header
        var bad = f.call(HttpMethod.POST, requests, company(a), request, Map.of("Idempotency-Key", "x".repeat(300)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
        // without a key nothing changes: a second identical request is a conflict as before
        assertThat(f.call(HttpMethod.POST, participants, company(a), Map.of("companyId", ca)).status())
                .isEqualTo(409);

        // a refusal that says "try again later" (409) is not kept: the same key runs again once the cause is gone
        String retryKey = UUID.randomUUID().toString();
        Map<String, Object> toC = Map.of("fromCompanyId", cb, "toCompanyId", cc);
        var open = f.call(HttpMethod.POST, requests, company(b), toC);
        assertThat(open.status()).isEqualTo(201);
        assertThat(f.call(HttpMethod.POST, requests, company(b), toC, Map.of("Idempotency-Key", retryKey)).status())
                .isEqualTo(409);
        assertThat(f.call(HttpMethod.POST, requests + "/" + open.text("id") + "/cancel", company(b), null).status())
                .isEqualTo(200);
        assertThat(f.call(HttpMethod.POST, requests, company(b), toC, Map.of("Idempotency-Key", retryKey)).status())
                .isEqualTo(201);
    }
}
