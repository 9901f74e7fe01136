package eus.elkarlan.event;

import static eus.elkarlan.event.Fixtures.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.testsupport.PlatformTest;

@PlatformTest(properties = { "elkarlan.events.request-expiry=2s", "elkarlan.events.expiry-check-interval=300ms" })
class RequestExpiryTests {

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    KafkaTemplate<String, Envelope> kafka;
    @Autowired
    KnownCompanyRepository companies;

    @Test
    void anUnansweredRequestExpiresAndFreesThePair() {
        Fixtures f = new Fixtures(port, kafka, companies, bootstrapServers);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String ca = f.company(a, "A", "ES");
        String cb = f.company(b, "B", "FR");
        String event = f.createEvent("org-" + a, Fixtures.eventBody("Expiry", 2, "09:00", "10:00"));
        f.register(event, a, ca);
        f.register(event, b, cb);
        String requests = "/api/v1/events/" + event + "/meeting-requests";
        var r = f.call(HttpMethod.POST, requests, company(a), Map.of("fromCompanyId", ca, "toCompanyId", cb));
        assertThat(r.status()).isEqualTo(201);
        String rid = r.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> f.call(HttpMethod.GET, requests, company(b), null).body()
                .get(0).path("status").asString().equals("EXPIRED"));
        assertThat(f.call(HttpMethod.POST, requests + "/" + rid + "/accept", company(b), null).status())
                .isEqualTo(409);
        assertThat(f.call(HttpMethod.POST, requests, company(b), Map.of("fromCompanyId", cb, "toCompanyId", ca))
                .status()).as("the pair is free again").isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> f.messageTypes(Topics.EVENTS, event)
                .contains("eus.elkarlan.event.meeting-declined.v1"));
    }
}
