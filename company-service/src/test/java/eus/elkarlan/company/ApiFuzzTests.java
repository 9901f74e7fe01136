package eus.elkarlan.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;

import eus.elkarlan.company.Api.Reply;
import eus.elkarlan.test.fuzz.ApiFuzzer;
import eus.elkarlan.test.fuzz.FuzzCaller;
import eus.elkarlan.test.fuzz.FuzzReport;
import eus.elkarlan.test.fuzz.StoreSnapshot;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * Bad input on every route of the service's OpenAPI document (see deploy/test-support's README):
 * never a 5xx, 4xx as problem details, nothing stored by a rejected request, and nothing of a
 * private company shown to another company, an organizer, a partner or nobody. Its own database,
 * so that the snapshots see this context's writes only.
 */
@PlatformTest(properties = { "spring.mongodb.database=companies-fuzz", "spring.kafka.consumer.group-id=company-service-fuzz",
        "elkarlan.company.outbox.poll-interval-ms=20" })
@DirtiesContext
class ApiFuzzTests {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyRouteRefusesBadInputCleanly() {
        Api api = new Api(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = UUID.randomUUID().toString();
        TestTokens tokens = TestTokens.get();
        String ownerToken = tokens.token(owner, "company");

        // company A: private, so that its name and contact are secrets to everybody but its owner
        Map<String, Object> a = Api.gipuzkoanCompany("Ezkutuko Fuzz " + run + " SL");
        a.put("publicProfile", false);
        a.put("contact", Map.of("name", "Fuzz Contact " + run, "email", "fuzz-" + run + "@ezkutuko.example",
                "phone", "+34 943 " + run.replaceAll("[^0-9]", "1").substring(0, 6)));
        Reply created = api.post("/api/v1/companies", ownerToken, a);
        assertThat(created.status()).isEqualTo(201);
        String idA = created.json().path("id").asString();
        // company B: public, owned by the intruder
        String intruder = UUID.randomUUID().toString();
        String intruderToken = tokens.token(intruder, "company");
        assertThat(api.post("/api/v1/companies", intruderToken, Api.labourdinCompany("Kanpoko Fuzz " + run)).status()).isEqualTo(201);

        FuzzReport report = ApiFuzzer.forService("company-service", port)
                .seed(20261129L)
                .callers(FuzzCaller.insider("owner", ownerToken),
                        FuzzCaller.insider("newcomer", () -> tokens.token(UUID.randomUUID().toString(), "company")),
                        FuzzCaller.outsider("other-company", intruderToken),
                        FuzzCaller.outsider("organizer", tokens.token(UUID.randomUUID().toString(), "organizer")),
                        FuzzCaller.outsider("partner", tokens.token("service-account-partner-" + run, "partner")),
                        FuzzCaller.anonymous())
                // a registration is tried by somebody without a company, so that the body is validated
                .actor("POST /api/v1/companies", FuzzCaller.insider("newcomer",
                        () -> tokens.token(UUID.randomUUID().toString(), "company")))
                .pathValue("id", idA)
                .body("POST /api/v1/companies", () -> Api.gipuzkoanCompany("Berria Fuzz " + run))
                .body("PUT /api/v1/companies/{id}", () -> a)
                .headers("PUT /api/v1/companies/{id}", Map.of("If-Match", "*"))
                .secret("Ezkutuko Fuzz " + run)
                .secret("fuzz-" + run + "@ezkutuko.example")
                .secret("Fuzz Contact " + run)
                .secret(owner)
                .store(() -> StoreSnapshot.of(mongo.getDb(), Set.of()))
                .settledWhen(() -> mongo.getCollection("companies").countDocuments(new Document("$or", java.util.List.of(
                        new Document("pendingMessages.0", new Document("$exists", true)),
                        new Document("relayLeaseUntil", new Document("$exists", true))))) == 0)
                .run();

        report.assertNoBrokenRules();
        assertThat(report.operations()).as("operations in the OpenAPI document").isGreaterThanOrEqualTo(9);
        assertThat(report.count(413)).as("bodies over 1 MiB refused").isPositive();
        // the private company is still there and still its owner's
        Reply still = api.get("/api/v1/companies/" + idA, ownerToken);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().path("publicProfile").asBoolean()).isFalse();
    }
}
