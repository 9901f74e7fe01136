package eus.elkarlan.matching.observability;

import static eus.elkarlan.matching.Companies.company;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.EnvelopeSerializer;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.testsupport.PlatformTest;

/**
 * What operations see of the matching-service: the counters move when pairs are scored, suggestions
 * published and records dead-lettered, and the trace of a company record continues into the
 * suggestions it causes (through the listener, the pair's outbox and its relay).
 */
// the same configuration as the other classes of the module: one context, so that its listeners own every
// partition of the shared consumer group and the counters read here are those of the instance doing the work
@PlatformTest(properties = "elkarlan.matching.replica.enabled=true")
class ObservabilityTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KafkaProducer<String, Envelope> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new EnvelopeSerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private CompanySnapshot needsAudit() {
        return company("itsaso-" + run).name("Itsaso Zibersegurtasuna SL").in("GIPUZKOA").speaks("eu", "es")
                .needs("eu", "Zibersegurtasun auditoria", "cybersecurity.audit")
                .offers("eu", "Datu analitika", "data.analytics").build();
    }

    private CompanySnapshot offersAudit() {
        return company("baiona-" + run).name("Baiona Cyber SAS").in("LAPURDI").speaks("fr")
                .offers("fr", "Audit de cybersécurité", "cybersecurity.audit")
                .needs("fr", "Analyse de données", "data.analytics").build();
    }

    private void register(CompanySnapshot snapshot, String traceparent) throws Exception {
        Envelope envelope = Envelope.of("/company-service", new CompanyRegistered(snapshot));
        ProducerRecord<String, Envelope> record = new ProducerRecord<>(Topics.COMPANIES, envelope.subject(), envelope);
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    @Test
    void aMatchIsScoredAndSuggestedInTheTraceOfTheCompanyRecordThatCausedIt() throws Exception {
        double computed = metric("elkarlan_matches_computed_total", "");
        double suggested = metric("elkarlan_matches_suggested_total", "");
        String traceId = hex(16);
        CompanySnapshot first = needsAudit();
        CompanySnapshot second = offersAudit();

        register(first, null);
        await().atMost(WAIT).until(() -> okStatus("/api/v1/companies/" + first.companyId() + "/matches", first));
        register(second, "00-" + traceId + "-" + hex(8) + "-01");

        // one suggestion for each company of the pair, published by the relay
        await().atMost(WAIT).until(() -> metric("elkarlan_matches_suggested_total", "") >= suggested + 2);
        assertThat(metric("elkarlan_matches_computed_total", "")).as("at least the new pair scored")
                .isGreaterThan(computed);
        List<String> traceparents = traceparentsOn(Topics.MATCHES, List.of(first.companyId(), second.companyId()));
        assertThat(traceparents).hasSize(2).allMatch(tp -> tp.startsWith("00-" + traceId + "-"));
    }

    @Test
    void anUnreadableCompanyRecordIsDeadLetteredAndCounted() throws Exception {
        String topic = "topic=\"" + Topics.COMPANIES + "\"";
        double before = metric("elkarlan_messages_dead_lettered_total", topic);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.COMPANIES, "garbage-" + run, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        await().atMost(WAIT).until(() -> metric("elkarlan_messages_dead_lettered_total", topic) == before + 1);
    }

    private boolean okStatus(String path, CompanySnapshot owner) {
        var token = eus.elkarlan.testsupport.TestTokens.get().token(owner.ownerSubject(), "company");
        return RestClient.create("http://127.0.0.1:" + port).get().uri(path).header("Authorization", "Bearer " + token)
                .retrieve().onStatus(s -> true, (req, res) -> { }).toBodilessEntity().getStatusCode().is2xxSuccessful();
    }

    private List<String> traceparentsOn(String topic, List<String> keys) {
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
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader("traceparent");
                    if (keys.contains(record.key()) && header != null) {
                        found.add(new String(header.value(), StandardCharsets.UTF_8));
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
        return body.lines().filter(line -> line.startsWith(name + "{") && line.contains("application=\"matching-service\"")
                && line.contains(tag)).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
