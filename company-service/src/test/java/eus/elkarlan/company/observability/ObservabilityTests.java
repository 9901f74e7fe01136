package eus.elkarlan.company.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.web.client.RestClient;

import eus.elkarlan.company.Api;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.testsupport.PlatformTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * What operations see: the business counters on /actuator/prometheus move when the thing happens,
 * and a request's trace continues through the outbox into the Kafka record and its consumers.
 */
@PlatformTest
@Import(ObservabilityTests.ReceivedTraces.class)
class ObservabilityTests {

    /** The trace ids of the Kafka records this service's listeners have received. */
    @TestConfiguration
    static class ReceivedTraces {

        static final Set<String> traceIds = ConcurrentHashMap.newKeySet();

        @Bean
        ObservationHandler<KafkaRecordReceiverContext> receivedTraceIds() {
            return new ObservationHandler<>() {
                @Override
                public void onStop(KafkaRecordReceiverContext context) {
                    TracingObservationHandler.TracingContext tracing = context
                            .get(TracingObservationHandler.TracingContext.class);
                    if (tracing != null && tracing.getSpan() != null) {
                        traceIds.add(tracing.getSpan().context().traceId());
                    }
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return context instanceof KafkaRecordReceiverContext;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void registeringAndErasingACompanyMoveTheirCounters() {
        double registered = metric("elkarlan_companies_registered_total");
        double erased = metric("elkarlan_companies_erased_total");
        String token = Api.companyToken(UUID.randomUUID().toString());

        Map<String, Object> invalid = Api.gipuzkoanCompany("");
        assertThat(api.post("/api/v1/companies", token, invalid).status()).isEqualTo(400);
        assertThat(metric("elkarlan_companies_registered_total")).as("a refused registration").isEqualTo(registered);

        var created = api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Behatoki Analitika SL"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(metric("elkarlan_companies_registered_total")).isEqualTo(registered + 1);
        assertThat(metric("elkarlan_companies_erased_total")).isEqualTo(erased);

        assertThat(api.delete("/api/v1/companies/" + created.json().path("id").asString(), token).status()).isEqualTo(204);
        assertThat(metric("elkarlan_companies_erased_total")).isEqualTo(erased + 1);
        assertThat(metric("elkarlan_companies_registered_total")).isEqualTo(registered + 1);
    }

    @Test
    void theTraceOfTheRegistrationRequestTravelsThroughTheOutboxIntoTheKafkaRecord() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        var created = api.call(HttpMethod.POST, "/api/v1/companies", Api.companyToken(UUID.randomUUID().toString()),
                Api.gipuzkoanCompany("Arrastoa Sareak SL"), Map.of("traceparent", traceparent));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();

        String[] published = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            published[0] = traceparentOfRecord(Topics.COMPANIES, id);
            assertThat(published[0]).isNotNull();
        });
        assertThat(published[0]).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(published[0]).as("the producer's own span").doesNotContain(traceparent.substring(36, 52));

        // the service's own directory listener (observation on) handles the record in the same trace
        await().atMost(Duration.ofSeconds(20)).until(() -> ReceivedTraces.traceIds.contains(traceId));
    }

    @Test
    void withoutAnIncomingTraceTheRecordStartsATraceOfItsOwn() {
        var created = api.post("/api/v1/companies", Api.companyToken(UUID.randomUUID().toString()),
                Api.gipuzkoanCompany("Hasiera Berria SL"));
        String id = created.json().path("id").asString();
        String[] published = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            published[0] = traceparentOfRecord(Topics.COMPANIES, id);
            assertThat(published[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        });
    }

    @Test
    void theOutboxPollerRunsWithoutAnObservationPerRound() {
        // management.observations.enable[tasks.scheduled]=false: no trace (and no timer) every 200 ms
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve()
                .body(String.class);
        assertThat(body).contains("elkarlan_companies_registered_total").doesNotContain("tasks_scheduled_execution");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros (an invalid id)
        return bytes;
    }

    private String traceparentOfRecord(String topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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
                    Header header = record.headers().lastHeader("traceparent");
                    if (key.equals(record.key()) && header != null) {
                        return new String(header.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }

    private double metric(String name) {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus").retrieve()
                .body(String.class);
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains("application=\"company-service\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
