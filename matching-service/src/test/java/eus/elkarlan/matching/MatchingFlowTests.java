package eus.elkarlan.matching;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import com.jayway.jsonpath.JsonPath;

import eus.elkarlan.contracts.CloudEventHeaders;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyDeleted;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.contracts.company.CompanyUpdated;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * The whole service against the real broker and store: from company snapshots to explained matches.
 * The replica listener is on, as on a scaled-out deployment.
 */
@PlatformTest(properties = "elkarlan.matching.replica.enabled=true")
class MatchingFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    KafkaTemplate<String, Envelope> kafka;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private CompanySnapshot itsaso(long version) {
        return company(id("itsaso")).name("Itsaso Zibersegurtasuna SL").in("GIPUZKOA").speaks("eu", "es").version(version)
                .needs("eu", "Zibersegurtasun auditoria", "cybersecurity.audit")
                .offers("eu", "Datu analitika", "data.analytics").build();
    }

    private CompanySnapshot baiona() {
        return company(id("baiona")).name("Baiona Cyber SAS").in("LAPURDI").speaks("fr")
                .offers("fr", "Audit de cybersécurité", "cybersecurity.audit")
                .needs("fr", "Analyse de données", "data.analytics").build();
    }

    private void send(Envelope envelope) throws Exception {
        kafka.send(Topics.COMPANIES, envelope.subject(), envelope).get();
    }

    private void register(CompanySnapshot snapshot) throws Exception {
        send(Envelope.of("/company-service", new CompanyRegistered(snapshot)));
    }

    private ResponseEntity<String> get(String path, String token, String acceptLanguage) {
        RestClient.RequestHeadersSpec<?> spec = RestClient.create("http://127.0.0.1:" + port).get().uri(path);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        if (acceptLanguage != null) {
            spec = spec.header("Accept-Language", acceptLanguage);
        }
        return spec.retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
    }

    /** The body of a 200 answer (retried: on a loaded machine the first JWK set fetch may time out). */
    private String okBody(String path, String token, String acceptLanguage) {
        String[] body = new String[1];
        await().atMost(WAIT).until(() -> {
            ResponseEntity<String> response = get(path, token, acceptLanguage);
            body[0] = response.getBody();
            return response.getStatusCode() == HttpStatus.OK;
        });
        return body[0];
    }

    private String ownerToken(CompanySnapshot s) {
        return TestTokens.get().token(s.ownerSubject(), "company");
    }

    private List<String> partnersOf(CompanySnapshot s) {
        ResponseEntity<String> response = get("/api/v1/companies/" + s.companyId() + "/matches", ownerToken(s), null);
        if (response.getStatusCode() != HttpStatus.OK) {
            return List.of("status " + response.getStatusCode().value());
        }
        return JsonPath.read(response.getBody(), "$.matches[*].companyId");
    }

    private Tail tail(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        closeables.add(consumer);
        return new Tail(consumer, new ArrayList<>());
    }

    /** Everything a topic held since the beginning; polls on each call, from the calling thread. */
    private record Tail(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> buffer) {
        List<ConsumerRecord<String, byte[]>> records() {
            consumer.poll(Duration.ofMillis(200)).forEach(buffer::add);
            return List.copyOf(buffer);
        }
    }

    /** How many times {@code companyId} was told about {@code partnerId}. */
    private static int suggestions(Tail tail, String companyId, String partnerId) {
        return java.util.Collections.frequency(suggestionsFor(tail, companyId), partnerId);
    }

    private static List<String> suggestionsFor(Tail tail, String companyId) {
        List<String> partners = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : tail.records()) {
            if (companyId.equals(r.key())) {
                partners.add(JsonPath.read(new String(r.value(), StandardCharsets.UTF_8), "$.partnerCompanyId"));
            }
        }
        return partners;
    }

    @Test
    void aRegisteredCompanySeesItsCrossBorderCrossLingualPartnerWithReasons() throws Exception {
        CompanySnapshot itsaso = itsaso(1);
        CompanySnapshot baiona = baiona();
        register(itsaso);
        register(baiona);

        await().atMost(WAIT).until(() -> partnersOf(itsaso).contains(baiona.companyId()));

        String eu = okBody("/api/v1/companies/" + itsaso.companyId() + "/matches", ownerToken(itsaso), null);
        assertThat(JsonPath.<String>read(eu, "$.lang")).isEqualTo("eu");
        assertThat(JsonPath.<Boolean>read(eu, "$.matches[0].crossBorder")).isTrue();
        assertThat(JsonPath.<Double>read(eu, "$.matches[0].score")).isBetween(0.5, 1.0);
        assertThat(JsonPath.<List<String>>read(eu, "$.matches[0].reasons[*].code")).contains("PARTNER_OFFER_ANSWERS_NEED",
                "OWN_OFFER_ANSWERS_PARTNER_NEED", "CROSS_BORDER", "NO_SHARED_LANGUAGE");
        assertThat(JsonPath.<List<String>>read(eu, "$.matches[0].reasons[*].text"))
                .anyMatch(t -> t.startsWith("Mugaz gaindiko bazkidea"));
        assertThat(JsonPath.<Double>read(eu, "$.matches[0].breakdown.factors.crossBorder")).isEqualTo(1.25);
        assertThat(JsonPath.<String>read(eu, "$.matches[0].breakdown.formula")).contains("score = R ×");

        String fr = okBody("/api/v1/companies/" + itsaso.companyId() + "/matches?lang=fr&limit=5", ownerToken(itsaso), "es");
        assertThat(JsonPath.<List<String>>read(fr, "$.matches[0].reasons[*].text"))
                .anyMatch(t -> t.startsWith("Partenaire transfrontalier"))
                // the concept named by its taxonomy label in the reader's language
                .anyMatch(t -> t.startsWith("Leur offre « Audit de cybersécurité »") && t.endsWith("(Audit de cybersécurité)."));
        String es = okBody("/api/v1/companies/" + itsaso.companyId() + "/matches", ownerToken(itsaso), "es-ES,fr;q=0.5");
        assertThat(JsonPath.<String>read(es, "$.lang")).isEqualTo("es");
        String crossOnly = okBody("/api/v1/companies/" + baiona.companyId() + "/matches?crossBorderOnly=true", ownerToken(baiona), "en");
        assertThat(JsonPath.<List<String>>read(crossOnly, "$.matches[*].companyId")).contains(itsaso.companyId());
        assertThat(JsonPath.<List<String>>read(crossOnly, "$.matches[0].reasons[*].text"))
                .anyMatch(t -> t.startsWith("Cross-border partner: Gipuzkoa"));
    }

    @Test
    void onlyTheOwnerOrganizersAndAdminsReadMatches() throws Exception {
        CompanySnapshot itsaso = itsaso(1);
        register(itsaso);
        await().atMost(WAIT).until(() -> get("/api/v1/companies/" + itsaso.companyId() + "/matches",
                ownerToken(itsaso), null).getStatusCode() == HttpStatus.OK);
        String path = "/api/v1/companies/" + itsaso.companyId() + "/matches";
        TestTokens tokens = TestTokens.get();

        assertThat(get(path, null, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get(path, tokens.token("someone", "partner"), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(path, tokens.companyToken(), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/companies/nobody/matches", tokens.companyToken(), null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(path, tokens.token("org", "organizer"), null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(path, tokens.token("adm", "admin"), null).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> badLimit = get(path + "?limit=abc", ownerToken(itsaso), null);
        assertThat(badLimit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badLimit.getBody()).contains("\"field\":\"limit\"");
        assertThat(get(path + "?lang=de", ownerToken(itsaso), null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(get("/api/v1/matches/audit", tokens.companyToken(), null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> audit = get("/api/v1/matches/audit", tokens.token("org", "organizer"), null);
        assertThat(audit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JsonPath.<Integer>read(audit.getBody(), "$.population")).isPositive();
        assertThat(audit.getBody()).contains("\"region\"", "\"womenLed\"", "exposureRatio");
    }

    @Test
    void aNewMatchIsSuggestedToBothOnceAndTheSameMessageTwiceChangesNothing() throws Exception {
        Tail matches = tail(Topics.MATCHES);
        CompanySnapshot itsaso = itsaso(2);
        CompanySnapshot baiona = baiona();
        Envelope registered = Envelope.of("/company-service", new CompanyRegistered(itsaso));
        send(registered);
        register(baiona);

        await().atMost(WAIT).until(() -> suggestions(matches, itsaso.companyId(), baiona.companyId()) == 1
                && suggestions(matches, baiona.companyId(), itsaso.companyId()) == 1);
        ConsumerRecord<String, byte[]> first = matches.records().stream().filter(r -> itsaso.companyId().equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(CloudEventHeaders.get(first.headers(), CloudEventHeaders.TYPE)).isEqualTo("eus.elkarlan.match.suggested.v1");
        String body = new String(first.value(), StandardCharsets.UTF_8);
        assertThat(JsonPath.<Boolean>read(body, "$.crossBorder")).isTrue();
        assertThat(JsonPath.<List<String>>read(body, "$.reasons[*].code")).contains("CROSS_BORDER");
        String before = okBody("/api/v1/companies/" + itsaso.companyId() + "/matches", ownerToken(itsaso), "en");

        // the same message again, an older version, and the same version again with other content
        send(registered);
        send(Envelope.of("/company-service", new CompanyUpdated(itsaso(1))));
        send(Envelope.of("/company-service", new CompanyUpdated(company(itsaso.companyId()).owner(itsaso.ownerSubject())
                .version(2).in("LAPURDI").needs("fr", "Rien", "legal.contracts").build())));
        // then a real change that keeps the pair above the threshold: it must not be suggested again
        CompanySnapshot v3 = company(itsaso.companyId()).name("Itsaso Zibersegurtasuna SL").owner(itsaso.ownerSubject())
                .in("GIPUZKOA").speaks("eu", "es").version(3).needs("eu", "Zibersegurtasun auditoria", "cybersecurity.audit")
                .offers("eu", "Datu analitika", "data.analytics").offers("eu", "Web garapena", "web.development").build();
        send(Envelope.of("/company-service", new CompanyUpdated(v3)));
        await().atMost(WAIT).until(() -> mongo.findById(itsaso.companyId(), org.bson.Document.class, "companies")
                .get("version", Number.class).longValue() == 3);

        String after = okBody("/api/v1/companies/" + itsaso.companyId() + "/matches", ownerToken(itsaso), "en");
        assertThat(JsonPath.<Double>read(after, "$.matches[0].score")).isEqualTo(JsonPath.<Double>read(before,
                "$.matches[0].score"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> suggestions(matches, itsaso.companyId(), baiona.companyId()) == 1
                        && suggestions(matches, baiona.companyId(), itsaso.companyId()) == 1);
    }

    @Test
    void anErasedCompanyLeavesEveryListAndEveryPair() throws Exception {
        CompanySnapshot itsaso = itsaso(1);
        CompanySnapshot baiona = baiona();
        register(itsaso);
        register(baiona);
        await().atMost(WAIT).until(() -> partnersOf(itsaso).contains(baiona.companyId()));
        await().atMost(WAIT).until(() -> mongo.exists(Query.query(Criteria.where("members").is(baiona.companyId())),
                "match_pairs"));

        send(Envelope.of("/company-service", new CompanyDeleted(baiona.companyId(), java.time.Instant.now())));
        kafka.send(Topics.COMPANIES, baiona.companyId(), null).get();

        await().atMost(WAIT).until(() -> !partnersOf(itsaso).contains(baiona.companyId()));
        assertThat(get("/api/v1/companies/" + baiona.companyId() + "/matches", TestTokens.get().token("org", "organizer"),
                null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(mongo.exists(Query.query(Criteria.where("members").is(baiona.companyId())), "match_pairs")).isFalse();
        org.bson.Document marker = mongo.findById(baiona.companyId(), org.bson.Document.class, "companies");
        assertThat(marker.getBoolean("erased")).isTrue();
        assertThat(marker.get("legalName")).isNull();

        // a replayed registration cannot bring it back
        register(baiona);
        register(company(id("later")).in("BIZKAIA").speaks("es").offers("es", "Auditoría", "cybersecurity.audit").build());
        await().atMost(WAIT).until(() -> partnersOf(itsaso).contains(id("later")));
        assertThat(partnersOf(itsaso)).doesNotContain(baiona.companyId());
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheNextMessageFlows() throws Exception {
        Tail deadLetters = tail(Topics.deadLetter(Topics.COMPANIES));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.COMPANIES, id("poison"), "not a cloud event".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        // well-formed, but outside the contract's vocabulary: Lapurdi is not in Hegoalde
        CompanySnapshot invalid = company(id("liar")).in("LAPURDI").build();
        CompanySnapshot lying = new CompanySnapshot(invalid.companyId(), invalid.ownerSubject(), invalid.legalName(),
                invalid.legalId(), "LAPURDI", "HEGOALDE", "ES", "x", "0", null, "SMALL", "62.01", List.of("eu"), Map.of(),
                List.of(), List.of(), null, true, invalid.contact(), 1, invalid.updatedAt());
        register(lying);
        CompanySnapshot good = itsaso(1);
        register(good);

        await().atMost(WAIT).until(() -> deadLetters.records().stream().map(ConsumerRecord::key).toList()
                .containsAll(List.of(id("poison"), id("liar"))));
        ConsumerRecord<String, byte[]> poison = deadLetters.records().stream().filter(r -> id("poison").equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
        await().atMost(WAIT).until(() -> get("/api/v1/companies/" + good.companyId() + "/matches", ownerToken(good), null)
                .getStatusCode() == HttpStatus.OK);
        assertThat(get("/api/v1/companies/" + id("liar") + "/matches", TestTokens.get().token("a", "admin"), null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theReplicaGroupKeepsTheDirectoryCompleteWhileAnotherInstanceScores() throws Exception {
        CompanySnapshot itsaso = itsaso(1);
        register(itsaso);
        await().atMost(WAIT).until(() -> mongo.exists(Query.query(Criteria.where("_id").is(itsaso.companyId())),
                "companies"));
        // as if the scoring partition of the next company belonged to another instance
        listeners.getListenerContainer("matching-companies").stop();
        try {
            CompanySnapshot baiona = baiona();
            register(baiona);
            await().atMost(WAIT).until(() -> partnersOf(itsaso).contains(baiona.companyId()));
            assertThat(mongo.exists(Query.query(Criteria.where("_id").is(baiona.companyId())), "companies")).isFalse();
        }
        finally {
            listeners.getListenerContainer("matching-companies").start();
        }
        await().atMost(WAIT).until(() -> mongo.exists(Query.query(Criteria.where("_id").is(id("baiona"))), "companies"));
    }

    @Test
    void aPairThatDropsBelowTheThresholdAndRisesAgainIsSuggestedAgain() throws Exception {
        Tail matches = tail(Topics.MATCHES);
        CompanySnapshot itsaso = itsaso(1);
        CompanySnapshot baiona = baiona();
        register(itsaso);
        register(baiona);
        await().atMost(WAIT).until(() -> suggestions(matches, itsaso.companyId(), baiona.companyId()) == 1);
        String pairId = itsaso.companyId().compareTo(baiona.companyId()) < 0
                ? itsaso.companyId() + "|" + baiona.companyId() : baiona.companyId() + "|" + itsaso.companyId();

        // Itsaso's need changes: Baiona no longer answers it, the pair falls below threshold − hysteresis
        send(Envelope.of("/company-service", new CompanyUpdated(company(itsaso.companyId()).owner(itsaso.ownerSubject())
                .in("GIPUZKOA").speaks("eu", "es").version(2).needs("eu", "Langileak kontratatzea", "hr.recruitment")
                .offers("eu", "Datu analitika", "data.analytics").build())));
        await().atMost(WAIT).until(() -> !mongo.exists(Query.query(Criteria.where("_id").is(pairId)), "match_pairs"));

        // and back: a new suggestion to both
        send(Envelope.of("/company-service", new CompanyUpdated(itsaso(3))));
        await().atMost(WAIT).until(() -> suggestions(matches, itsaso.companyId(), baiona.companyId()) == 2
                && suggestions(matches, baiona.companyId(), itsaso.companyId()) == 2);
    }
}
