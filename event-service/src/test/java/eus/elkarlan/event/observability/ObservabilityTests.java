package eus.elkarlan.event.observability;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.event.FixtureTests;
import eus.elkarlan.event.Fixtures;
import eus.elkarlan.testsupport.PlatformTest;

/**
 * What operations see of the event-service: the registration, request-flow and scheduler meters
 * move when those things happen, and the organizer's publishing request is the trace of the Kafka
 * record it causes.
 */
@PlatformTest
class ObservabilityTests extends FixtureTests {

    @Test
    void registrationsTheRequestFlowAndTheSchedulerMoveTheirMeters() {
        String event = f.createEvent(organizer, Fixtures.eventBody("Metrics", 2, "10:00", "11:00", "14:00", "15:00"));
        String path = "/api/v1/events/" + event;
        List<String> owners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        double registered = metric("elkarlan_event_registrations_total", "");
        for (int i = 0; i < 3; i++) {
            owners.add(UUID.randomUUID().toString());
            ids.add(f.company(owners.get(i), "Company " + i, i % 2 == 0 ? "ES" : "FR"));
            f.register(event, owners.get(i), ids.get(i));
        }
        assertThat(metric("elkarlan_event_registrations_total", "")).isEqualTo(registered + 3);

        double requested = metric("elkarlan_meeting_requests_total", "outcome=\"requested\"");
        double accepted = metric("elkarlan_meeting_requests_total", "outcome=\"accepted\"");
        double declined = metric("elkarlan_meeting_requests_total", "outcome=\"declined\"");
        double cancelled = metric("elkarlan_meeting_requests_total", "outcome=\"cancelled\"");
        String toAccept = request(path, owners.get(0), ids.get(0), ids.get(1));
        String toDecline = request(path, owners.get(0), ids.get(0), ids.get(2));
        String toCancel = request(path, owners.get(1), ids.get(1), ids.get(2));
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + toAccept + "/accept", company(owners.get(1)), null)
                .status()).isEqualTo(200);
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + toDecline + "/decline", company(owners.get(2)),
                null).status()).isEqualTo(200);
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + toCancel + "/cancel", company(owners.get(1)),
                null).status()).isEqualTo(200);
        assertThat(f.call(HttpMethod.POST, path + "/meeting-requests/" + toAccept + "/accept", company(owners.get(2)), null)
                .status()).as("not a party: nothing counted").isEqualTo(403);
        assertThat(metric("elkarlan_meeting_requests_total", "outcome=\"requested\"")).isEqualTo(requested + 3);
        assertThat(metric("elkarlan_meeting_requests_total", "outcome=\"accepted\"")).isEqualTo(accepted + 1);
        assertThat(metric("elkarlan_meeting_requests_total", "outcome=\"declined\"")).isEqualTo(declined + 1);
        assertThat(metric("elkarlan_meeting_requests_total", "outcome=\"cancelled\"")).isEqualTo(cancelled + 1);

        double solved = metric("elkarlan_scheduler_solve_seconds_count", "outcome=\"optimal\"");
        double schedules = metric("elkarlan_scheduler_breaks_count", "");
        assertThat(f.call(HttpMethod.POST, path + "/schedule", organizer(organizer), Map.of("timeLimitSeconds", 10))
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(
                f.call(HttpMethod.GET, path + "/schedule", organizer(organizer), null).text("status")));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> metric("elkarlan_scheduler_solve_seconds_count", "outcome=\"optimal\"") == solved + 1);
        assertThat(metric("elkarlan_scheduler_breaks_count", "")).isEqualTo(schedules + 1);
        assertThat(metric("elkarlan_scheduler_solve_seconds_bucket", "outcome=\"optimal\"")).as("histogram buckets")
                .isGreaterThan(0);

        // publishing, with the caller's trace: the schedule's record on elkarlan.events carries it
        String traceId = hex(16);
        var published = RestClient.create("http://127.0.0.1:" + port).post().uri(path + "/schedule/publish")
                .header("Authorization", "Bearer " + organizer(organizer))
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").retrieve().toBodilessEntity();
        assertThat(published.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> traceparents(Topics.EVENTS, event,
                "eus.elkarlan.event.schedule-published.v1").stream().anyMatch(tp -> tp.startsWith("00-" + traceId + "-")));
    }

    private String request(String path, String owner, String from, String to) {
        var r = f.call(HttpMethod.POST, path + "/meeting-requests", company(owner),
                Map.of("fromCompanyId", from, "toCompanyId", to));
        assertThat(r.status()).isEqualTo(201);
        return r.text("id");
    }

    private List<String> traceparents(String topic, String key, String ceType) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader("ce_type");
                    Header traceparent = record.headers().lastHeader("traceparent");
                    if (key.equals(record.key()) && type != null && traceparent != null
                            && ceType.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        found.add(new String(traceparent.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return found;
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] |= 1;
        return HexFormat.of().formatHex(value);
    }

    private double metric(String name, String tag) {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve()
                .body(String.class);
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains("application=\"event-service\"")
                && line.contains(tag)).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
