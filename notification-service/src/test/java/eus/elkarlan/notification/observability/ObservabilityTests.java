package eus.elkarlan.notification.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.event.EventPublished;
import eus.elkarlan.contracts.event.MeetingRequested;
import eus.elkarlan.notification.NotificationTestSupport;

/**
 * What operations see of the notification-service: mails handed to the SMTP server, webhook
 * deliveries and give-ups, and dead-lettered records move their counters on /actuator/prometheus.
 */
class ObservabilityTests extends NotificationTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aMailHandedToTheSmtpServerIsCountedAsSent() {
        TestCompany recipient = registered("Behatoki Analitika SL", "eu", "es");
        TestCompany sender = registered("Adour Numérique SAS", "fr");
        String eventId = newId();
        publish(new EventPublished(eventId, "Observability Summit", "Kursaal", "Donostia", "Europe/Madrid", 30, 20,
                Instant.now().plus(Duration.ofDays(10)), List.of(), "OPEN", newId()));
        double sent = metric("elkarlan_mails_sent_total", "outcome=\"sent\"");

        publish(new MeetingRequested(eventId, newId(), sender.id(), recipient.id(), "Kaixo", "ANY", null));

        await().atMost(WAIT).until(() -> mailsTo(recipient.email()).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> metric("elkarlan_mails_sent_total", "outcome=\"sent\"") >= sent + 1);
    }

    @Test
    void aWebhookDeliveryGivenUpAfterItsAttemptsIsAFailure() {
        String partner = newId();
        String path = "/always-down-" + newId();
        PARTNER.stubFor(post(urlEqualTo(path)).willReturn(serverError()));
        var subscribed = client().post().uri("/api/v1/webhooks").header("Authorization", bearer(partner, "partner"))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("url", PARTNER.baseUrl() + path, "types",
                        List.of("eus.elkarlan.event.published.v1"), "description", "metrics"))
                .retrieve().toBodilessEntity();
        assertThat(subscribed.getStatusCode().value()).isEqualTo(201);
        double failures = metric("elkarlan_webhook_failures_total", "");
        double failedPasses = metric("elkarlan_webhook_deliveries_total", "outcome=\"failed\"");

        publish(new EventPublished(newId(), "Down Summit", "Kursaal", "Donostia", "Europe/Madrid", 30, 20,
                Instant.now().plus(Duration.ofDays(10)), List.of(), "OPEN", newId()));

        // max-delivery-attempts=3 in the tests: three failed passes, then the delivery is given up
        await().atMost(WAIT).until(() -> metric("elkarlan_webhook_failures_total", "") >= failures + 1);
        assertThat(metric("elkarlan_webhook_deliveries_total", "outcome=\"failed\"")).isGreaterThanOrEqualTo(failedPasses + 3);
        assertThat(PARTNER.findAll(postRequestedFor(urlEqualTo(path)))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndCountedUnderItsTopic() throws Exception {
        String topic = "topic=\"" + Topics.EVENTS + "\"";
        double before = metric("elkarlan_messages_dead_lettered_total", topic);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.EVENTS, newId(), "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(WAIT).until(() -> metric("elkarlan_messages_dead_lettered_total", topic) == before + 1);
    }

    private double metric(String name, String tag) {
        String body = client().get().uri("/actuator/prometheus").retrieve().body(String.class);
        return body.lines().filter(line -> line.startsWith(name + "{")
                && line.contains("application=\"notification-service\"") && line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
