package eus.elkarlan.matching;

import static eus.elkarlan.matching.Companies.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.test.fuzz.ApiFuzzer;
import eus.elkarlan.test.fuzz.FuzzCaller;
import eus.elkarlan.test.fuzz.FuzzReport;
import eus.elkarlan.test.fuzz.StoreSnapshot;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * Bad input on every route of the service's OpenAPI document (see deploy/test-support's README):
 * never a 5xx, 4xx as problem details, nothing stored by a rejected request, and no company's
 * matches for another company, a partner or nobody. The same context as {@link MatchingFlowTests}
 * (the shared consumer group then scores into the database this test snapshots).
 */
@PlatformTest(properties = "elkarlan.matching.replica.enabled=true")
class ApiFuzzTests {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, Envelope> kafka;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyRouteRefusesBadInputCleanly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = UUID.randomUUID().toString();
        String intruder = UUID.randomUUID().toString();
        TestTokens tokens = TestTokens.get();
        String ownerToken = tokens.token(owner, "company");

        String idA = "fuzz-a-" + run;
        CompanySnapshot a = company(idA).owner(owner).name("Fuzz Itsaso " + run).in("GIPUZKOA").speaks("eu", "es")
                .offers("eu", "Zibersegurtasun auditoria", "cybersecurity.audit")
                .needs("es", "Distribuidor Fuzz" + run + " en Francia", "cooperation.distribution").build();
        register(a);
        register(company("fuzz-b-" + run).owner(intruder).name("Fuzz Baiona " + run).in("LAPURDI").speaks("fr")
                .offers("fr", "Distribution de logiciels en France", "cooperation.distribution")
                .needs("fr", "Audit de cybersécurité", "cybersecurity.audit").build());
        register(company("fuzz-c-" + run).name("Fuzz Angelu " + run).in("LAPURDI").speaks("fr", "eu")
                .offers("fr", "Distributeur pour le marché français", "cooperation.distribution")
                .needs("eu", "Zibersegurtasun auditoria", "cybersecurity.audit").build());
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/companies/" + idA + "/matches"))
                .header("Authorization", "Bearer " + ownerToken).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("fuzz-b-" + run));

        FuzzReport report = ApiFuzzer.forService("matching-service", port)
                .seed(20261129L)
                .callers(FuzzCaller.insider("owner", ownerToken),
                        FuzzCaller.insider("organizer", tokens.token(UUID.randomUUID().toString(), "organizer")),
                        FuzzCaller.outsider("other-company", tokens.token(intruder, "company")),
                        FuzzCaller.outsider("partner", tokens.token("service-account-partner-" + run, "partner")),
                        FuzzCaller.anonymous())
                .actor("GET /api/v1/matches/audit", FuzzCaller.insider("organizer",
                        tokens.token(UUID.randomUUID().toString(), "organizer")))
                .pathValue("id", idA)
                .insidersOnly("GET /api/v1/companies/{id}/matches")
                .secret(owner)
                .secret("contact@" + idA + ".example")
                // A's own need title is in A's match list only (the breakdown's items)
                .secret("Distribuidor Fuzz" + run)
                .store(() -> StoreSnapshot.of(mongo.getDb(), Set.of()))
                .run();

        report.assertNoBrokenRules();
        assertThat(report.operations()).as("operations in the OpenAPI document").isGreaterThanOrEqualTo(2);
        assertThat(report.count(200)).as("valid requests served").isPositive();
    }

    private void register(CompanySnapshot snapshot) throws Exception {
        Envelope envelope = Envelope.of("/company-service", new CompanyRegistered(snapshot));
        kafka.send(Topics.COMPANIES, envelope.subject(), envelope).get();
    }
}
