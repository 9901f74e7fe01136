package eus.elkarlan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

class PlatformInfrastructureTests {

    private final PlatformInfrastructure infrastructure = PlatformInfrastructure.get();

    @Test
    void brokerCarriesARecordFromProducerToConsumer() throws Exception {
        String topic = "infrastructure-check";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, "k", "kaixo")).get();
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-check");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            String seen = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    seen = records.iterator().next().value();
                }
            }
            assertThat(seen).isEqualTo("kaixo");
        }
    }

    @Test
    void storeKeepsDocumentsAndAnswersHello() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            var collection = client.getDatabase("infrastructure").getCollection("check");
            collection.insertOne(new Document("_id", "a").append("name", "Itsaso"));
            assertThat(collection.find(new Document("_id", "a")).first()).containsEntry("name", "Itsaso");
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.get("isWritablePrimary")).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void tokensAreSignedWithTheServedKey() throws Exception {
        TestTokens tokens = TestTokens.get();
        var decoder = org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withJwkSetUri(tokens.jwkSetUri()).build();
        var jwt = decoder.decode(tokens.token("user-1", "company"));
        assertThat(jwt.getSubject()).isEqualTo("user-1");
        assertThat(jwt.getAudience()).containsExactly("elkarlan-api");
        assertThat(jwt.getIssuer().toString()).isEqualTo(TestTokens.ISSUER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(tokens.forgedToken("user-1", "company")))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }
}
