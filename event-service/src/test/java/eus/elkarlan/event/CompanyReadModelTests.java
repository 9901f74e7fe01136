package eus.elkarlan.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.event.company.KnownCompany;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.testsupport.PlatformTest;

@PlatformTest
class CompanyReadModelTests {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    KafkaTemplate<String, Envelope> kafka;
    @Autowired
    KnownCompanyRepository companies;

    private CompanySnapshot snapshot(String id, String owner, String name, long version) {
        return new CompanySnapshot(id, owner, name, new CompanySnapshot.LegalId("FR_SIREN", "732829320"), "LAPURDI",
                "IPARRALDE", "FR", "Baiona", "64100", null, "MICRO", "62.01", List.of("fr"), Map.of(), List.of(),
                List.of(), null, false, new CompanySnapshot.Contact(null, "a@example.org", null), version,
                Instant.now());
    }

    @Test
    void updatesAreIdempotentAndDeletionWins() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.COMPANIES, id, Envelope.of("/test", new CompanyUpdated(snapshot(id, "o1", "V2", 2))));
        Envelope older = Envelope.of("/test", new CompanyUpdated(snapshot(id, "o0", "V1", 1)));
        kafka.send(Topics.COMPANIES, id, older);
        kafka.send(Topics.COMPANIES, id, older);
        Envelope newer = Envelope.of("/test", new CompanyUpdated(snapshot(id, "o3", "V3", 3)));
        kafka.send(Topics.COMPANIES, id, newer);
        kafka.send(Topics.COMPANIES, id, newer);
        await().atMost(Duration.ofSeconds(20)).until(() -> companies.findById(id).map(KnownCompany::legalName)
                .filter("V3"::equals).isPresent());
        assertThat(companies.findById(id).orElseThrow().ownerSubject()).isEqualTo("o3");
        kafka.send(Topics.COMPANIES, id, Envelope.of("/test", new CompanyDeleted(id, Instant.now())));
        kafka.send(Topics.COMPANIES, id, Envelope.of("/test", new CompanyUpdated(snapshot(id, "o4", "V4", 4))));
        await().atMost(Duration.ofSeconds(20)).until(() -> companies.findById(id).map(KnownCompany::deleted)
                .orElse(false));
        // the update after the deletion changes nothing, and no personal data is kept
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.COMPANIES, marker, Envelope.of("/test", new CompanyUpdated(snapshot(marker, "m", "M", 1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> companies.findById(marker).isPresent());
        KnownCompany erased = companies.findById(id).orElseThrow();
        assertThat(erased.deleted()).isTrue();
        assertThat(erased.legalName()).isNull();
        assertThat(erased.ownerSubject()).isNull();
        assertThat(companies.findActive(id)).isEmpty();
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextMessageIsProcessed() {
        String poisonKey = "poison-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.COMPANIES, poisonKey,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_specversion", "1.0".getBytes()).add("ce_id", "x".getBytes())
                    .add("ce_type", "eus.elkarlan.company.updated.v1".getBytes())
                    .add("ce_source", "/evil".getBytes()).add("ce_subject", poisonKey.getBytes())
                    .add("content-type", "application/json".getBytes());
            producer.send(poison);
            producer.send(new ProducerRecord<>(Topics.COMPANIES, "garbage-" + poisonKey, new byte[] { 1, 2, 3 }));
            producer.flush();
        }
        String good = UUID.randomUUID().toString();
        kafka.send(Topics.COMPANIES, good, Envelope.of("/test", new CompanyUpdated(snapshot(good, "g", "Good", 1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> companies.findActive(good).isPresent());

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-check-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.COMPANIES)));
            java.util.Set<String> keys = new java.util.HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(r.key());
                }
                return keys.contains(poisonKey) && keys.contains("garbage-" + poisonKey);
            });
        }
    }
}
