package eus.elkarlan.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import eus.elkarlan.contracts.company.CompanyDeleted;
import tools.jackson.databind.JsonNode;

class MessageContractTests {

    private final EnvelopeSerializer serializer = new EnvelopeSerializer();
    private final EnvelopeDeserializer deserializer = new EnvelopeDeserializer();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void goldenSampleSurvivesTheRoundTripThroughKafkaHeadersAndBody(MessageType type) throws IOException {
        byte[] golden = sample(type);
        ElkarlanMessage body = MessageJson.read(type, golden);
        assertThat(body).isInstanceOf(type.bodyType());
        assertThat(body.messageType()).isEqualTo(type);

        Envelope sent = new Envelope("id-" + type.name(), "/test", Instant.parse("2026-06-01T10:00:00Z"), body);
        RecordHeaders headers = new RecordHeaders();
        byte[] wire = serializer.serialize(type.topic(), headers, sent);

        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.TYPE)).isEqualTo(type.ceType());
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.ID)).isEqualTo(sent.id());
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.SOURCE)).isEqualTo("/test");
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.TIME)).isEqualTo("2026-06-01T10:00:00Z");
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.SUBJECT)).isEqualTo(body.aggregateId());
        assertThat(CloudEventHeaders.get(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(headers.lastHeader("__TypeId__")).isNull();

        // the body on the wire is the golden sample, field for field
        JsonNode expected = MessageJson.mapper().readTree(golden);
        JsonNode actual = MessageJson.mapper().readTree(wire);
        assertThat(actual).isEqualTo(expected);

        Envelope received = deserializer.deserialize(type.topic(), headers, wire);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void everyTypeOfTheCatalogueHasASampleAndATopicOfThePlatform() {
        Set<String> ceTypes = Arrays.stream(MessageType.values()).map(MessageType::ceType).collect(Collectors.toSet());
        assertThat(ceTypes).hasSize(12).allMatch(t -> t.startsWith("eus.elkarlan.") && t.endsWith(".v1"));
        for (MessageType type : MessageType.values()) {
            assertThat(Topics.ALL).contains(type.topic());
            assertThat(getClass().getClassLoader().getResource(type.sampleResource())).as(type.ceType()).isNotNull();
        }
        assertThat(EnumSet.allOf(MessageType.class).stream().filter(t -> t.topic().equals(Topics.EVENTS)))
                .hasSize(8);
    }

    @Test
    void unknownTypeIsRejected() {
        RecordHeaders headers = headersFor(MessageType.COMPANY_DELETED);
        headers.remove(CloudEventHeaders.TYPE);
        headers.add(CloudEventHeaders.TYPE, "com.example.other.v1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers, "{}".getBytes()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("com.example.other.v1");
    }

    @Test
    void bodyMissingARequiredFieldIsRejected() {
        RecordHeaders headers = headersFor(MessageType.COMPANY_DELETED);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers, "{\"deletedAt\":null}".getBytes()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("companyId");
    }

    @Test
    void malformedJsonIsRejected() {
        RecordHeaders headers = headersFor(MessageType.COMPANY_DELETED);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers, "{\"companyId\":".getBytes()))
                .isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers,
                "{\"companyId\":{\"$gt\":\"\"}}".getBytes())).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void subjectThatDisagreesWithTheBodyIsRejected() {
        RecordHeaders headers = headersFor(MessageType.COMPANY_DELETED);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers,
                "{\"companyId\":\"someone-else\"}".getBytes())).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("ce_subject");
    }

    @Test
    void missingSpecVersionIsRejected() {
        RecordHeaders headers = headersFor(MessageType.COMPANY_DELETED);
        headers.remove(CloudEventHeaders.SPEC_VERSION);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.COMPANIES, headers, "{\"companyId\":\"c-1\"}".getBytes()))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void tombstoneStaysATombstone() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(serializer.serialize(Topics.COMPANIES, headers, null)).isNull();
        assertThat(deserializer.deserialize(Topics.COMPANIES, headers, (byte[]) null)).isNull();
    }

    @Test
    void topicsAreDefinedWithTheirDeadLetterTopicsAndCompaction() {
        List<NewTopic> topics = Topics.definitions(6, (short) 1);
        assertThat(topics).extracting(NewTopic::name).containsExactlyInAnyOrder("elkarlan.companies",
                "elkarlan.companies.DLT", "elkarlan.matches", "elkarlan.matches.DLT", "elkarlan.events",
                "elkarlan.events.DLT");
        assertThat(topics).allMatch(t -> t.numPartitions() == 6);
        assertThat(topics).filteredOn(t -> t.name().equals(Topics.COMPANIES)).singleElement()
                .satisfies(t -> assertThat(t.configs()).containsEntry("cleanup.policy", "compact"));
        assertThat(topics).filteredOn(t -> !t.name().equals(Topics.COMPANIES))
                .allMatch(t -> t.configs() == null || !t.configs().containsKey("cleanup.policy"));
        assertThat(Topics.definitions(12, (short) 3)).allMatch(t -> t.numPartitions() == 12 && t.replicationFactor() == 3);
        assertThatThrownBy(() -> Topics.definitions(0, (short) 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private RecordHeaders headersFor(MessageType type) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(new Envelope("x", "/test", Instant.now(), new CompanyDeleted("c-1", null)), headers);
        return headers;
    }

    private byte[] sample(MessageType type) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.sampleResource())) {
            assertThat(in).as(type.sampleResource()).isNotNull();
            return in.readAllBytes();
        }
    }
}
