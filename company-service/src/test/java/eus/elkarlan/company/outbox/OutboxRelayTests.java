package eus.elkarlan.company.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import eus.elkarlan.company.Api;
import eus.elkarlan.company.CompaniesTopic;
import eus.elkarlan.company.CompaniesTopic.Seen;
import eus.elkarlan.company.company.CompanyDocument;
import eus.elkarlan.contracts.MessageType;
import eus.elkarlan.testsupport.PlatformTest;

/** The outbox against the real broker, with sends that fail or whose acknowledgement is lost. */
@PlatformTest(properties = "spring.mongodb.database=companies-outbox-tests") // its own store: no other context's relay may send its messages
class OutboxRelayTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    MongoTemplate mongo;

    @MockitoSpyBean
    OutboxSender sender;

    /** 0: normal; 1: the send fails; 2: the send reaches the broker but the relay never hears back. */
    final AtomicInteger mode = new AtomicInteger();
    final AtomicInteger faults = new AtomicInteger();

    Api api;

    @BeforeEach
    void faultySender() throws Exception {
        api = new Api(port);
        doAnswer(invocation -> {
            int m = mode.get();
            if (m == 1) {
                faults.incrementAndGet();
                throw new IllegalStateException("simulated: broker unreachable");
            }
            CompletableFuture<?> sent = (CompletableFuture<?>) invocation.callRealMethod();
            if (m == 2) {
                sent.get(); // the broker has it
                faults.incrementAndGet();
                throw new IllegalStateException("simulated: crash after the send, before the pull");
            }
            return sent;
        }).when(sender).dispatch(any());
    }

    @AfterEach
    void healthy() {
        mode.set(0);
    }

    private CompanyDocument stored(String id) {
        return mongo.findById(id, CompanyDocument.class);
    }

    @Test
    void aFailedSendIsRetriedAndTheMessageReachesTheBrokerOnce() {
        mode.set(1);
        var created = api.post("/api/v1/companies", Api.companyToken(UUID.randomUUID().toString()),
                Api.gipuzkoanCompany("Outbox Proba SL"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.get() >= 3);
        // still waiting in the document, nothing on the topic
        assertThat(stored(id).pendingMessages()).hasSize(1);
        String ceId = stored(id).pendingMessages().get(0).id();
        assertThat(CompaniesTopic.companies(bootstrapServers, id)).isEmpty();

        mode.set(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).pendingMessages().isEmpty());
        List<Seen> seen = CompaniesTopic.companies(bootstrapServers, id);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).ceId()).isEqualTo(ceId);
        assertThat(seen.get(0).ceType()).isEqualTo(MessageType.COMPANY_REGISTERED.ceType());
        assertThat(seen.get(0).body()).contains("\"companyId\":\"" + id + "\"").contains("Outbox Proba SL")
                .contains("cybersecurity.audit").contains("\"publicProfile\":true");
    }

    @Test
    void aSendWhoseAcknowledgementIsLostIsResentWithTheSameId() {
        mode.set(2);
        var created = api.post("/api/v1/companies", Api.companyToken(UUID.randomUUID().toString()),
                Api.gipuzkoanCompany("Birbidalketa SL"));
        String id = created.json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.get() >= 1);
        mode.set(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).pendingMessages().isEmpty());
        List<Seen> seen = CompaniesTopic.companies(bootstrapServers, id);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        // a consumer that remembers ce_ids sees one message
        assertThat(seen.stream().map(Seen::ceId).distinct()).hasSize(1);
    }

    @Test
    void anErasureSendsDeletedThenATombstoneAndLeavesNothingBehind() {
        String token = Api.companyToken(UUID.randomUUID().toString());
        var created = api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Ezabatu SL"));
        String id = created.json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).pendingMessages().isEmpty());

        mode.set(1);
        assertThat(api.delete("/api/v1/companies/" + id, token).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.get() >= 1);
        CompanyDocument stub = stored(id);
        assertThat(stub.erased()).isTrue();
        assertThat(stub.profile()).isNull();
        assertThat(stub.ownerSubject()).isNull();
        assertThat(stub.pendingMessages()).hasSize(2);
        assertThat(stub.pendingMessages().get(0).body()).doesNotContain("Ezabatu");
        assertThat(api.get("/api/v1/companies/" + id, token).status()).isEqualTo(404);

        mode.set(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id) == null);
        List<Seen> seen = CompaniesTopic.companies(bootstrapServers, id);
        assertThat(seen).extracting(Seen::ceType).containsExactly(MessageType.COMPANY_REGISTERED.ceType(),
                MessageType.COMPANY_DELETED.ceType(), null);
        assertThat(seen.get(2).tombstone()).isTrue();
    }

    @Test
    void aDocumentLeasedByAnotherInstanceIsLeftToIt() {
        mode.set(1);
        var created = api.post("/api/v1/companies", Api.companyToken(UUID.randomUUID().toString()),
                Api.gipuzkoanCompany("Alokairua SL"));
        String id = created.json().path("id").asString();
        int before = faults.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.get() > before);
        // another instance holds the document
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("relayLeaseUntil", Instant.now().plusSeconds(3600)),
                CompanyDocument.class);
        mode.set(0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> stored(id).pendingMessages().size() == 1);
        // its lease lapses (or it finishes): this instance takes over
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("relayLeaseUntil", Instant.now().minusSeconds(1)),
                CompanyDocument.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).pendingMessages().isEmpty());
        assertThat(CompaniesTopic.companies(bootstrapServers, id)).hasSize(1);
    }

    @Test
    void anUpdateCarriesTheNewSnapshotWithItsVersion() {
        String token = Api.companyToken(UUID.randomUUID().toString());
        var body = Api.gipuzkoanCompany("Bertsioa SL");
        var created = api.post("/api/v1/companies", token, body);
        String id = created.json().path("id").asString();
        body.put("city", "Errenteria");
        assertThat(api.put("/api/v1/companies/" + id, token, body, created.etag()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).pendingMessages().isEmpty());
        List<Seen> seen = CompaniesTopic.companies(bootstrapServers, id);
        assertThat(seen).extracting(Seen::ceType).containsExactly(MessageType.COMPANY_REGISTERED.ceType(),
                MessageType.COMPANY_UPDATED.ceType());
        assertThat(seen.get(1).body()).contains("\"version\":2").contains("Errenteria");
    }
}
