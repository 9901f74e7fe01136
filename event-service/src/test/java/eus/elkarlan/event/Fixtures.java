package eus.elkarlan.event;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP, Kafka and company helpers shared by the API tests. */
public final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final KafkaTemplate<String, Envelope> kafka;
    private final KnownCompanyRepository companies;
    private final String bootstrapServers;

    public Fixtures(int port, KafkaTemplate<String, Envelope> kafka, KnownCompanyRepository companies,
            String bootstrapServers) {
        this.client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        this.kafka = kafka;
        this.companies = companies;
        this.bootstrapServers = bootstrapServers;
    }

    public record Response(int status, JsonNode body, String raw, HttpHeaders headers) {
        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public static String token(String subject, String... roles) {
        return TestTokens.get().token(subject, roles);
    }

    public static String organizer(String subject) {
        return token(subject, "organizer");
    }

    public static String company(String subject) {
        return token(subject, "company");
    }

    public Response call(HttpMethod method, String path, String token, Object body) {
        return call(method, path, token, body, MediaType.APPLICATION_JSON);
    }

    public Response call(HttpMethod method, String path, String token, Object body, MediaType accept) {
        return call(method, path, token, body, accept, Map.of());
    }

    public Response call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
        return call(method, path, token, body, MediaType.APPLICATION_JSON, headers);
    }

    public Response call(HttpMethod method, String path, String token, Object body, MediaType accept,
            Map<String, String> headers) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path).accept(accept);
        headers.forEach(spec::header);
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON)
                    .body(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        var entity = spec.retrieve().onStatus(s -> true, (req, res) -> {
        }).toEntity(String.class);
        String raw = entity.getBody();
        JsonNode node;
        try {
            node = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (RuntimeException e) {
            node = JSON.createObjectNode();
        }
        return new Response(entity.getStatusCode().value(), node, raw, entity.getHeaders());
    }

    /** A company known to the service (through elkarlan.companies), owned by {@code owner}. */
    public String company(String owner, String name, String country) {
        return company(owner, name, country, null);
    }

    /**
     * As {@link #company(String, String, String)}, the message keyed {@code key} (null: the id), so
     * that it is read after what was sent before with that key.
     */
    public String company(String owner, String name, String country, String key) {
        return company(owner, name, "FR".equals(country) ? "LAPURDI" : "GIPUZKOA", country, key);
    }

    /** A company of the given territory (LAPURDI, BAXENABARRE, ZUBEROA: FR; the others: ES). */
    public String companyIn(String owner, String name, String territory) {
        boolean north = List.of("LAPURDI", "BAXENABARRE", "ZUBEROA").contains(territory);
        return company(owner, name, territory, north ? "FR" : "ES", null);
    }

    private String company(String owner, String name, String territory, String country, String key) {
        String id = UUID.randomUUID().toString();
        CompanySnapshot snapshot = new CompanySnapshot(id, owner, name,
                new CompanySnapshot.LegalId("ES_NIF", "B20123451"), territory,
                "FR".equals(country) ? "IPARRALDE" : "HEGOALDE", country, "Donostia", "20018", null, "SMALL",
                "62.02", List.of("eu", "es"), Map.of(), List.of(), List.of(), null, true,
                new CompanySnapshot.Contact(null, "info@example.org", null), 1, Instant.now());
        kafka.send("elkarlan.companies", key == null ? id : key, Envelope.of("/test", new CompanyRegistered(snapshot)));
        await().atMost(Duration.ofSeconds(20)).until(() -> companies.findActive(id).isPresent());
        return id;
    }

    public static Map<String, Object> eventBody(String name, int tables, String... sessions) {
        List<Map<String, Object>> sessionList = new ArrayList<>();
        for (int i = 0; i + 1 < sessions.length; i += 2) {
            sessionList.add(Map.of("start", sessions[i], "end", sessions[i + 1]));
        }
        return Map.of("name", name, "venue", Map.of("name", "Kursaal", "city", "Donostia"), "timeZone",
                "Europe/Madrid", "days", List.of(Map.of("date", "2030-06-11", "sessions", sessionList)),
                "slotMinutes", 30, "tables", tables, "registrationDeadline", "2030-06-01T18:00:00+02:00");
    }

    public String createEvent(String organizerSubject, Map<String, Object> body) {
        Response r = call(HttpMethod.POST, "/api/v1/events", organizer(organizerSubject), body);
        if (r.status() != 201) {
            throw new AssertionError("event not created: " + r.raw());
        }
        return r.text("id");
    }

    /** Computes the schedule, waits until it is done, publishes it; returns the published schedule. */
    public JsonNode computeAndPublish(String eventId, String organizerSubject, Map<String, Object> options) {
        String path = "/api/v1/events/" + eventId + "/schedule";
        Response job = call(HttpMethod.POST, path, organizer(organizerSubject), options);
        if (job.status() != 202) {
            throw new AssertionError("schedule not started: " + job.raw());
        }
        awaitSchedule(eventId, organizerSubject);
        Response published = call(HttpMethod.POST, path + "/publish", organizer(organizerSubject), null);
        if (published.status() != 200) {
            throw new AssertionError("not published: " + published.raw());
        }
        return published.body();
    }

    /** Waits until no scheduling job runs for the event; returns the schedule. */
    public JsonNode awaitSchedule(String eventId, String organizerSubject) {
        String path = "/api/v1/events/" + eventId + "/schedule";
        await().atMost(Duration.ofSeconds(90)).until(() -> !"RUNNING".equals(
                call(HttpMethod.GET, path, organizer(organizerSubject), null).text("status")));
        return call(HttpMethod.GET, path, organizer(organizerSubject), null).body();
    }

    /** A request from {@code from} to {@code to}, accepted; returns the meeting id. */
    public String meeting(String eventId, String fromOwner, String from, String toOwner, String to) {
        String requests = "/api/v1/events/" + eventId + "/meeting-requests";
        Response r = call(HttpMethod.POST, requests, company(fromOwner), Map.of("fromCompanyId", from,
                "toCompanyId", to));
        if (r.status() != 201) {
            throw new AssertionError("no request: " + r.raw());
        }
        Response accepted = call(HttpMethod.POST, requests + "/" + r.text("id") + "/accept", company(toOwner), null);
        if (accepted.status() != 200) {
            throw new AssertionError("not accepted: " + accepted.raw());
        }
        return accepted.text("meetingId");
    }

    public void register(String eventId, String owner, String companyId) {
        Response r = call(HttpMethod.POST, "/api/v1/events/" + eventId + "/participants", company(owner),
                Map.of("companyId", companyId));
        if (r.status() != 201) {
            throw new AssertionError("not registered: " + r.raw());
        }
    }

    /** A message read back from Kafka: its ce_type and JSON body. */
    public record Message(String type, JsonNode body) {
    }

    /** The ce_types of the messages keyed {@code key} on a topic, in order. */
    public List<String> messageTypes(String topic, String key) {
        return messages(topic, key).stream().map(Message::type).toList();
    }

    /** The messages keyed {@code key} on a topic, in order. */
    public List<Message> messages(String topic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Message> types = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + 4000;
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        Header type = record.headers().lastHeader("ce_type");
                        types.add(new Message(type == null ? "?" : new String(type.value()),
                                JSON.readTree(record.value())));
                    }
                }
            }
        }
        return types;
    }
}
