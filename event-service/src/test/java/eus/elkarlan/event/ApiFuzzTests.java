package eus.elkarlan.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.test.fuzz.ApiFuzzer;
import eus.elkarlan.test.fuzz.FuzzCaller;
import eus.elkarlan.test.fuzz.FuzzReport;
import eus.elkarlan.test.fuzz.StoreSnapshot;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * Bad input on every route of the service's OpenAPI document (see deploy/test-support's README):
 * never a 5xx, 4xx as problem details, nothing stored by a rejected request, and no company's
 * agenda, requests or contact for another company, a partner or nobody. Its own database and
 * consumer group, so that the snapshots see this context's writes only.
 */
@PlatformTest(properties = { "spring.mongodb.database=events-fuzz", "spring.kafka.consumer.group-id=event-service-fuzz" })
@DirtiesContext
class ApiFuzzTests {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, Envelope> kafka;

    @Autowired
    KnownCompanyRepository companies;

    @Autowired
    MongoTemplate mongo;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void everyRouteRefusesBadInputCleanly() {
        Fixtures f = new Fixtures(port, kafka, companies, bootstrapServers);
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestTokens tokens = TestTokens.get();
        String organizer = UUID.randomUUID().toString();
        String ownerA = UUID.randomUUID().toString();
        String ownerB = UUID.randomUUID().toString();
        String ownerC = UUID.randomUUID().toString();
        String ownerD = UUID.randomUUID().toString();
        String a = company(ownerA, "Fuzz Itsaso " + run, "ES", "fuzz-a-" + run + "@itsaso.example");
        String b = company(ownerB, "Fuzz Kanpo " + run, "FR", "fuzz-b-" + run + "@kanpo.example");
        String c = company(ownerC, "Fuzz Baiona " + run, "FR", "fuzz-c-" + run + "@baiona.example");
        String d = company(ownerD, "Fuzz Angelu " + run, "FR", "fuzz-d-" + run + "@angelu.example");

        String event = f.createEvent(organizer, Fixtures.eventBody("Fuzz Summit " + run, 4, "09:00", "12:00", "14:00", "16:00"));
        f.register(event, ownerA, a);
        f.register(event, ownerB, b);
        f.register(event, ownerC, c);
        f.register(event, ownerD, d);
        String secretMessage = "Fuzz private message " + run;
        var accepted = f.call(HttpMethod.POST, "/api/v1/events/" + event + "/meeting-requests", Fixtures.company(ownerA),
                Map.of("fromCompanyId", a, "toCompanyId", c, "message", secretMessage, "session", "ANY"));
        assertThat(accepted.status()).isEqualTo(201);
        var meeting = f.call(HttpMethod.POST, "/api/v1/events/" + event + "/meeting-requests/" + accepted.text("id") + "/accept",
                Fixtures.company(ownerC), null);
        assertThat(meeting.status()).isEqualTo(200);
        var open = f.call(HttpMethod.POST, "/api/v1/events/" + event + "/meeting-requests", Fixtures.company(ownerA),
                Map.of("fromCompanyId", a, "toCompanyId", d, "message", secretMessage, "session", "MORNING"));
        assertThat(open.status()).isEqualTo(201);

        FuzzCaller asOrganizer = FuzzCaller.insider("organizer", Fixtures.organizer(organizer));
        FuzzReport report = ApiFuzzer.forService("event-service", port)
                .seed(20261129L)
                .callers(FuzzCaller.insider("owner", Fixtures.company(ownerA)), asOrganizer,
                        FuzzCaller.outsider("other-company", Fixtures.company(ownerB)),
                        FuzzCaller.outsider("partner", tokens.token("service-account-partner-" + run, "partner")),
                        FuzzCaller.anonymous())
                .actor("POST /api/v1/events", asOrganizer)
                .actor("POST /api/v1/events/{id}/schedule", asOrganizer)
                .actor("POST /api/v1/events/{id}/cancel", asOrganizer)
                .actor("GET /api/v1/events/{id}/stats", asOrganizer)
                .pathValue("id", event)
                .pathValue("companyId", a)
                .pathValue("rid", open.text("id"))
                .pathValue("mid", meeting.text("meetingId"))
                .body("POST /api/v1/events", () -> Fixtures.eventBody("Fuzz Forum " + run, 3, "09:00", "11:00"))
                .body("POST /api/v1/events/{id}/participants", () -> Map.of("companyId", a, "unavailableSlots", List.of(2, 3),
                        "delegates", 1))
                .body("POST /api/v1/events/{id}/meeting-requests", () -> Map.of("fromCompanyId", a, "toCompanyId", c,
                        "message", "Kaixo", "session", "AFTERNOON"))
                .body("POST /api/v1/events/{id}/schedule", () -> Map.of("timeLimitSeconds", 2, "fairness", 2))
                .body("POST /api/v1/events/{id}/meetings/{mid}/check-in", () -> Map.of("held", true))
                .body("POST /api/v1/events/{id}/meetings/{mid}/feedback", () -> Map.of("rating", 3, "followUpPlanned", true))
                .insidersOnly("GET /api/v1/events/{id}/agenda/{companyId}")
                .insidersOnly("GET /api/v1/events/{id}/stats")
                .secret(secretMessage)
                .secret("fuzz-a-" + run + "@itsaso.example")
                .secret(ownerA)
                .store(() -> StoreSnapshot.of(mongo.getDb(), Set.of()))
                .settledWhen(() -> pending("events") == 0 && pending("schedules") == 0
                        && mongo.getCollection("schedules").countDocuments(new Document("status", "RUNNING")) == 0)
                .run();

        report.assertNoBrokenRules();
        assertThat(report.operations()).as("operations in the OpenAPI document").isGreaterThanOrEqualTo(15);
        assertThat(report.count(413)).as("bodies over 1 MiB refused").isPositive();
        // the event and A's participation survived the pass
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/" + event, null, null).text("status")).isNotEqualTo("CANCELLED");
    }

    private long pending(String collection) {
        return mongo.getCollection(collection).countDocuments(new Document("pendingMessages.0", new Document("$exists", true)));
    }

    private String company(String owner, String name, String country, String email) {
        String id = UUID.randomUUID().toString();
        CompanySnapshot snapshot = new CompanySnapshot(id, owner, name, new CompanySnapshot.LegalId("ES_NIF", "B20123451"),
                "FR".equals(country) ? "LAPURDI" : "GIPUZKOA", "FR".equals(country) ? "IPARRALDE" : "HEGOALDE", country,
                "Donostia", "20018", null, "SMALL", "62.02", List.of("eu", "es"), Map.of(), List.of(), List.of(), null, true,
                new CompanySnapshot.Contact("Fuzz Contact", email, "+34 943 00 00 00"), 1, Instant.now());
        kafka.send("elkarlan.companies", id, Envelope.of("/test", new CompanyRegistered(snapshot)));
        await().atMost(Duration.ofSeconds(30)).until(() -> companies.findActive(id).isPresent());
        return id;
    }
}
