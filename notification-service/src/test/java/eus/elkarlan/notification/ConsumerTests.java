package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingRequested;

class ConsumerTests extends NotificationTestSupport {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheFlowGoesOn() {
        String poisonKey = "poison-" + newId();
        // not a CloudEvent at all: fails in the deserializer, goes to the DLT at once
        ProducerRecord<Object, Object> garbage = new ProducerRecord<>(Topics.COMPANIES, poisonKey,
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        garbage.headers().add(new RecordHeader("ce_type", "eus.elkarlan.company.registered.v1".getBytes(StandardCharsets.UTF_8)));
        sendRaw(garbage);
        // a well-formed message that breaks a rule this service checks (the contact address)
        String badId = newId();
        publish(new CompanyRegistered(company(badId, newId(), "Bad Address SL", "not-an-address", true, "eu")));
        // the next good message is still processed
        TestCompany good = registered("Itsaso Zibersegurtasuna SL", "eu", "es");

        assertThat(good.id()).isNotNull();
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(Topics.deadLetter(Topics.COMPANIES),
                r -> poisonKey.equals(r.key()) || badId.equals(r.key()), 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(poisonKey, badId);
        assertThat(mongo.findById(badId, Document.class, "contacts")).isNull();
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        TestCompany from = registered("Bidasoa Data SARL", "fr");
        TestCompany to = registered("Gasteiz Cloud SL", "es");
        Envelope request = publish(new MeetingRequested(newId(), newId(), from.id(), to.id(), "Hablamos?", "ANY",
                Instant.now().plus(Duration.ofDays(3))));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(to.email()).size() == 1);
        publish(request); // the same ce_id again, as after a crash before the commit
        Envelope accepted = publish(new MeetingAccepted(newId(), newId(), newId(), from.id(), to.id(), "ANY"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(from.email()).size() == 1);
        assertThat(mailsTo(to.email())).hasSize(1);
        assertThat(mongo.count(Query.query(Criteria.where("companyId").is(to.id())), "feed")).isEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(accepted.id())), "processed_messages")).isTrue();
    }

    @Test
    void aStaleSnapshotDoesNotOverwriteANewerOne() {
        TestCompany company = registered("Lapurdi Soft", "fr");
        var newer = company(company.id(), company.owner(), company.name(), "new-" + company.email(), true, "eu");
        newer = withVersion(newer, 5);
        publish(new CompanyUpdated(newer));
        var older = withVersion(company(company.id(), company.owner(), company.name(), "old-" + company.email(), true,
                "es"), 3);
        Envelope last = publish(new CompanyUpdated(older));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.exists(Query.query(Criteria.where("_id").is(last.id())), "processed_messages"));
        Document contact = mongo.findById(company.id(), Document.class, "contacts");
        assertThat(contact.getString("email")).isEqualTo("new-" + company.email());
        assertThat(contact.getList("languages", String.class)).containsExactly("eu");
    }

    @Test
    void aDeletedCompanyIsErasedEverywhere() {
        TestCompany from = registered("Zuberoa Labs", "eu");
        TestCompany gone = registered("Erased Company SL", "es");
        publish(new MeetingRequested(newId(), newId(), from.id(), gone.id(), "Kaixo", "ANY", null));
        publish(new MeetingRequested(newId(), newId(), gone.id(), from.id(), "Hola", "ANY", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(gone.email()).size() == 1
                && mailsTo(from.email()).size() == 1);
        Envelope deleted = publish(new CompanyDeleted(gone.id(), Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.exists(Query.query(Criteria.where("_id").is(deleted.id())), "processed_messages"));

        assertThat(mongo.findById(gone.id(), Document.class, "contacts")).isNull();
        assertThat(mongo.count(Query.query(Criteria.where("companyId").is(gone.id())), "feed")).isZero();
        assertThat(mongo.count(Query.query(Criteria.where("companyId").is(gone.id())), "mails")).isZero();
        assertThat(mongo.count(Query.query(Criteria.where("to").is(gone.email())), "mails")).isZero();
        assertThat(mongo.count(Query.query(new Criteria().orOperator(Criteria.where("fromCompanyId").is(gone.id()),
                Criteria.where("toCompanyId").is(gone.id()))), "open_requests")).isZero();
        // the other company's feed no longer names it
        Document other = mongo.findOne(Query.query(Criteria.where("companyId").is(from.id())), Document.class, "feed");
        assertThat(other.toJson()).doesNotContain("Erased Company SL");
    }

    private static eus.elkarlan.contracts.company.CompanySnapshot withVersion(
            eus.elkarlan.contracts.company.CompanySnapshot c, long version) {
        return new eus.elkarlan.contracts.company.CompanySnapshot(c.companyId(), c.ownerSubject(), c.legalName(),
                c.legalId(), c.territory(), c.region(), c.country(), c.city(), c.postalCode(), c.website(),
                c.sizeBand(), c.naceCode(), c.languages(), c.description(), c.offers(), c.needs(), c.womenLed(),
                c.publicProfile(), c.contact(), version, c.updatedAt());
    }

    private void sendRaw(ProducerRecord<Object, Object> record) {
        try {
            kafka.send(record).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + newId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
            return found.stream().filter(Objects::nonNull).toList();
        }
    }
}
