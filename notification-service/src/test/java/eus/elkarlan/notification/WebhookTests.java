package eus.elkarlan.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingRequested;

class WebhookTests extends NotificationTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String EVENT_PUBLISHED = "eus.elkarlan.event.published.v1";
    private static final String COMPANY_REGISTERED = "eus.elkarlan.company.registered.v1";

    private ResponseEntity<Map<String, Object>> subscribe(String partner, String path, String... types) {
        return client().post().uri("/api/v1/webhooks").header("Authorization", bearer(partner, "partner"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", PARTNER.baseUrl() + path, "types", List.of(types), "description", "test"))
                .retrieve().toEntity(JSON);
    }

    private Map<String, Object> get(String partner, String uri) {
        var response = client().get().uri(uri).header("Authorization", bearer(partner, "partner")).retrieve()
                .toEntity(JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(String partner, String subscriptionId) {
        return (List<Map<String, Object>>) get(partner, "/api/v1/webhooks/" + subscriptionId + "/deliveries").get("items");
    }

    private void publishEvent(String name) {
        publish(new EventPublished(newId(), name, "Kursaal", "Donostia", "Europe/Madrid", 30, 20,
                Instant.now().plus(Duration.ofDays(10)), List.of(), "OPEN", "organizer-subject-secret"));
    }

    @Test
    void onlyPartnersSubscribeAndOnlyToPublicTypes() {
        var anonymous = client().post().uri("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toEntity(String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        var company = client().post().uri("/api/v1/webhooks").header("Authorization", bearer(newId(), "company"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", PARTNER.baseUrl() + "/x", "types", List.of(EVENT_PUBLISHED))).retrieve()
                .toEntity(String.class);
        assertThat(company.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var privateType = subscribe(newId(), "/x", "eus.elkarlan.event.meeting-requested.v1");
        assertThat(privateType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(privateType.getBody().get("errors").toString()).contains("types[0]");
        var badUrl = client().post().uri("/api/v1/webhooks").header("Authorization", bearer(newId(), "partner"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("url", "ftp://example.org/x", "types", List.of(EVENT_PUBLISHED))).retrieve().toEntity(JSON);
        assertThat(badUrl.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badUrl.getBody().get("errors").toString()).contains("url");

        var tooLarge = client().post().uri("/api/v1/webhooks").header("Authorization", bearer(newId(), "partner"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"description\":\"" + "x".repeat(1_100_000) + "\"}")
                .retrieve().toEntity(String.class);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);

        String owner = newId();
        var created = subscribe(owner, "/owned", EVENT_PUBLISHED);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) created.getBody().get("secret")).startsWith("whsec_");
        String id = (String) created.getBody().get("id");
        assertThat(get(owner, "/api/v1/webhooks/" + id)).doesNotContainKey("secret").containsEntry("status", "ACTIVE");
        assertThat(get(owner, "/api/v1/webhooks")).containsEntry("totalItems", 1);
        var stranger = client().get().uri("/api/v1/webhooks/{id}", id).header("Authorization", bearer(newId(), "partner"))
                .retrieve().toEntity(String.class);
        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        var strangerDelete = client().delete().uri("/api/v1/webhooks/{id}", id)
                .header("Authorization", bearer(newId(), "partner")).retrieve().toEntity(String.class);
        assertThat(strangerDelete.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        var deleted = client().delete().uri("/api/v1/webhooks/{id}", id).header("Authorization", bearer(owner, "partner"))
                .retrieve().toEntity(String.class);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(owner, "/api/v1/webhooks")).containsEntry("totalItems", 0);
    }

    @Test
    void deliveriesAreSignedAndCarryOnlyPublicData() throws Exception {
        String partner = newId();
        String path = "/signed-" + newId();
        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        var created = subscribe(partner, path, EVENT_PUBLISHED, COMPANY_REGISTERED);
        String secret = (String) created.getBody().get("secret");
        String id = (String) created.getBody().get("id");

        publishEvent("Signed Summit");
        String companyId = newId();
        publish(new CompanyRegistered(company(companyId, "owner-subject-secret", "Public Company SL",
                "private-contact@example.org", true, "eu")));
        publish(new CompanyRegistered(company(newId(), newId(), "Private Company SL", "hidden@example.org", false, "eu")));
        publish(new MeetingRequested(newId(), newId(), companyId, newId(), "secret message", "ANY", null));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> PARTNER.findAll(postRequestedFor(urlEqualTo(path))).size() >= 2);
        List<LoggedRequest> requests = PARTNER.findAll(postRequestedFor(urlEqualTo(path)));
        for (LoggedRequest request : requests) {
            String timestamp = request.getHeader("Elkarlan-Webhook-Timestamp");
            String body = request.getBodyAsString();
            assertThat(request.getHeader("Elkarlan-Webhook-Signature")).isEqualTo("v1=" + hmac(secret, timestamp + "." + body));
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
            assertThat(request.getHeader("Elkarlan-Webhook-Id")).isNotBlank();
            assertThat(body).doesNotContain("private-contact@example.org").doesNotContain("owner-subject-secret")
                    .doesNotContain("organizer-subject-secret").doesNotContain("B20123451").doesNotContain("Private Company SL")
                    .doesNotContain("secret message");
        }
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).anyMatch(b -> b.contains("\"Signed Summit\""))
                .anyMatch(b -> b.contains("\"Public Company SL\""));
        // a forged signature would not match
        assertThat(hmac("whsec_wrong", "1." + requests.get(0).getBodyAsString()))
                .isNotEqualTo(requests.get(0).getHeader("Elkarlan-Webhook-Signature").substring(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(partner, id).stream()
                .filter(d -> "DELIVERED".equals(d.get("status"))).count() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> PARTNER.findAll(postRequestedFor(urlEqualTo(path))).size() == 2);
    }

    @Test
    void aFailingCallIsRetriedWithBackoff() {
        String partner = newId();
        String path = "/flaky-" + newId();
        PARTNER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serverError()).willSetStateTo("recovered"));
        PARTNER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("recovered").willReturn(ok()));
        String id = (String) subscribe(partner, path, EVENT_PUBLISHED).getBody().get("id");
        publishEvent("Flaky Summit");

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(partner, id).stream()
                .anyMatch(d -> "DELIVERED".equals(d.get("status"))));
        List<LoggedRequest> calls = PARTNER.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getHeader("Elkarlan-Webhook-Id")).isEqualTo(calls.get(1).getHeader("Elkarlan-Webhook-Id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) deliveries(partner, id).get(0).get("log");
        assertThat(log).extracting(a -> a.get("outcome")).containsExactly("HTTP_ERROR", "DELIVERED");
        assertThat(log.get(0)).containsEntry("httpStatus", 500);
    }

    @Test
    void slowResponsesOpenTheEndpointsCircuitWhichClosesOnceItIsFastAgain() {
        String partner = newId();
        String path = "/slow-" + newId();
        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(900)));
        String id = (String) subscribe(partner, path, EVENT_PUBLISHED).getBody().get("id");
        publishEvent("Slow Summit");

        await().atMost(Duration.ofSeconds(30)).until(() -> "OPEN".equals(get(partner, "/api/v1/webhooks/" + id).get("circuit")));
        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> delivery = deliveries(partner, id).get(0);
            if ("FAILED".equals(delivery.get("status"))) {
                client().post().uri("/api/v1/webhooks/{id}/deliveries/{d}/replay", id, delivery.get("id"))
                        .header("Authorization", bearer(partner, "partner")).retrieve().toBodilessEntity();
            }
            return "DELIVERED".equals(delivery.get("status"));
        });
        assertThat(get(partner, "/api/v1/webhooks/" + id)).containsEntry("circuit", "CLOSED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) deliveries(partner, id).get(0).get("log");
        assertThat(log).extracting(a -> a.get("outcome")).contains("TIMEOUT", "CIRCUIT_OPEN", "DELIVERED");
    }

    @Test
    void anEndpointThatKeepsFailingIsPausedItsOwnerToldAndItsDeliveriesReplayable() {
        String partner = newId();
        String path = "/down-" + newId();
        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(serverError()));
        String id = (String) subscribe(partner, path, EVENT_PUBLISHED).getBody().get("id");
        publishEvent("Down Summit 1");
        publishEvent("Down Summit 2");

        await().atMost(Duration.ofSeconds(40)).until(() -> "PAUSED".equals(get(partner, "/api/v1/webhooks/" + id).get("status")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> feed = (List<Map<String, Object>>) get(partner, "/api/v1/notifications").get("items");
        assertThat(feed).anySatisfy(n -> {
            assertThat(n).containsEntry("kind", "WEBHOOK_PAUSED");
            assertThat((String) n.get("text")).contains(path);
        });
        // paused: nothing more is attempted
        int callsWhenPaused = PARTNER.findAll(postRequestedFor(urlEqualTo(path))).size();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> PARTNER.findAll(postRequestedFor(urlEqualTo(path))).size() == callsWhenPaused);

        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(ok()));
        var resumed = client().post().uri("/api/v1/webhooks/{id}/resume", id).header("Authorization", bearer(partner, "partner"))
                .retrieve().toEntity(JSON);
        assertThat(resumed.getBody()).containsEntry("status", "ACTIVE");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(partner, id).stream()
                .allMatch(d -> !"PENDING".equals(d.get("status"))));
        for (Map<String, Object> delivery : deliveries(partner, id)) {
            if ("FAILED".equals(delivery.get("status"))) {
                var replay = client().post().uri("/api/v1/webhooks/{id}/deliveries/{d}/replay", id, delivery.get("id"))
                        .header("Authorization", bearer(partner, "partner")).retrieve().toEntity(JSON);
                assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(partner, id).stream()
                .allMatch(d -> "DELIVERED".equals(d.get("status"))));
        assertThat(deliveries(partner, id)).hasSize(2);
        var strangerReplay = client().post().uri("/api/v1/webhooks/{id}/deliveries/{d}/replay", id,
                deliveries(partner, id).get(0).get("id")).header("Authorization", bearer(newId(), "partner")).retrieve()
                .toEntity(String.class);
        assertThat(strangerReplay.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
