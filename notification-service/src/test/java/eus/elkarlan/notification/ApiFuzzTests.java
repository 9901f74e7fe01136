package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import eus.elkarlan.contracts.ElkarlanMessage;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.test.fuzz.ApiFuzzer;
import eus.elkarlan.test.fuzz.FuzzCaller;
import eus.elkarlan.test.fuzz.FuzzReport;
import eus.elkarlan.test.fuzz.StoreSnapshot;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input on every route of the service's OpenAPI document (see deploy/test-support's README):
 * never a 5xx, 4xx as problem details, nothing stored by a rejected request, and nobody else's
 * feed or webhook subscription (with its signing secret). Its own database, consumer group and
 * SMTP server, so that the snapshots see this context's writes only.
 */
@PlatformTest(properties = { "spring.mongodb.database=notifications-fuzz",
        "spring.kafka.consumer.group-id=notification-service-fuzz",
        "elkarlan.notification.webhooks.allow-private-addresses=true" })
@DirtiesContext
class ApiFuzzTests {

    private static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyRouteRefusesBadInputCleanly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestTokens tokens = TestTokens.get();
        String ownerA = UUID.randomUUID().toString();
        String ownerB = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String emailA = "fuzz-a-" + run + "@itsaso.example";
        publish(new CompanyRegistered(NotificationTestSupport.company(a, ownerA, "Fuzz Itsaso " + run, emailA, false, "eu", "es")));
        publish(new CompanyRegistered(NotificationTestSupport.company(b, ownerB, "Fuzz Baiona " + run,
                "fuzz-b-" + run + "@baiona.example", true, "fr")));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(a, Document.class, "contacts") != null
                && mongo.findById(b, Document.class, "contacts") != null);
        publish(new MeetingAccepted(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                a, b, "ANY"));
        String ownerToken = tokens.token(ownerA, "company");
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        JsonMapper json = JsonMapper.builder().build();
        String[] notification = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode feed = json.readTree(http.get().uri("/api/v1/notifications").header(HttpHeaders.AUTHORIZATION,
                    "Bearer " + ownerToken).retrieve().body(String.class));
            notification[0] = feed.path("items").path(0).path("id").asString(null);
            return notification[0] != null;
        });

        String partner = "service-account-partner-" + run;
        String partnerToken = tokens.token(partner, "partner");
        Map<String, Object> subscription = Map.of("url", "http://127.0.0.1:9/hooks/fuzz-" + run,
                "types", List.of("eus.elkarlan.company.registered.v1"), "description", "Fuzz hook " + run);
        JsonNode created = json.readTree(http.post().uri("/api/v1/webhooks").header(HttpHeaders.AUTHORIZATION,
                "Bearer " + partnerToken).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(subscription))
                .retrieve().body(String.class));
        String webhook = created.path("id").asString();
        String signingSecret = created.path("secret").asString(null);

        FuzzCaller asPartner = FuzzCaller.insider("partner", partnerToken);
        ApiFuzzer fuzzer = ApiFuzzer.forService("notification-service", port)
                .seed(20261129L)
                .callers(FuzzCaller.insider("owner", ownerToken), asPartner,
                        FuzzCaller.outsider("other-company", tokens.token(ownerB, "company")),
                        FuzzCaller.outsider("organizer", tokens.token(UUID.randomUUID().toString(), "organizer")),
                        FuzzCaller.outsider("other-partner", tokens.token("service-account-other-" + run, "partner")),
                        FuzzCaller.anonymous())
                .actor("POST /api/v1/webhooks", asPartner)
                .actor("GET /api/v1/webhooks", asPartner)
                .actor("DELETE /api/v1/webhooks", asPartner)
                .pathValues((op, name) -> name.equals("id") ? (op.path().startsWith("/api/v1/webhooks") ? webhook : notification[0])
                        : null)
                .body("POST /api/v1/webhooks", () -> Map.of("url", "http://127.0.0.1:9/hooks/new-" + run,
                        "types", List.of("eus.elkarlan.match.suggested.v1"), "description", "Another hook"))
                .body("PUT /api/v1/notifications/preferences", () -> Map.of("unsubscribed", List.of(), "digest", false))
                .insidersOnly("POST /api/v1/notifications/{id}/read")
                .insidersOnly("GET /api/v1/webhooks/{id}")
                .insidersOnly("GET /api/v1/webhooks/{id}/deliveries")
                .secret(emailA)
                .secret(ownerA)
                .secret("fuzz-" + run)
                .store(() -> StoreSnapshot.of(mongo.getDb(), Set.of()))
                .settledWhen(() -> mongo.getCollection("mails").countDocuments(new Document("status",
                        new Document("$in", List.of("PENDING", "SENDING")))) == 0);
        if (signingSecret != null) {
            fuzzer.secret(signingSecret);
        }
        FuzzReport report = fuzzer.run();

        report.assertNoBrokenRules();
        assertThat(report.operations()).as("operations in the OpenAPI document").isGreaterThanOrEqualTo(9);
        assertThat(report.count(413)).as("bodies over 1 MiB refused").isPositive();
    }

    private void publish(ElkarlanMessage message) throws Exception {
        Envelope envelope = Envelope.of("/test", message);
        kafka.send(envelope.topic(), envelope.subject(), envelope).get();
    }
}
