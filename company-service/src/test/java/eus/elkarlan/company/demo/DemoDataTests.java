package eus.elkarlan.company.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import eus.elkarlan.company.Api;
import eus.elkarlan.company.company.CompanyService;
import eus.elkarlan.company.directory.DirectoryIndex;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.testsupport.PlatformTest;

@PlatformTest(properties = "spring.mongodb.database=companies-demo-tests")
@ActiveProfiles("demo")
class DemoDataTests {

    @LocalServerPort
    int port;

    @Autowired
    CompanyService companies;

    @Autowired
    DemoData demo;

    @Autowired
    DirectoryIndex index;

    @Test
    void theDemoCompaniesAreRegisteredOnceAndPublishedToTheDirectory() throws Exception {
        int expected = DemoCompanies.load(getClass().getResourceAsStream("/demo/companies.json")).size();
        assertThat(expected).isGreaterThanOrEqualTo(120);
        assertThat(companies.count()).isEqualTo(expected);
        demo.seed(); // a second start seeds nothing
        assertThat(companies.count()).isEqualTo(expected);

        var me = new Api(port).get("/api/v1/companies/me", Api.companyToken("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("legalName").asString()).isEqualTo("Itsaso Zibersegurtasuna SL");

        Set<String> territories = new HashSet<>();
        Set<String> languages = new HashSet<>();
        Set<String> demoNames = new HashSet<>();
        DemoCompanies.load(getClass().getResourceAsStream("/demo/companies.json")).forEach(r -> demoNames.add(r.legalName()));
        await().atMost(Duration.ofSeconds(30)).until(() -> index.companies().stream()
                .filter(c -> demoNames.contains(c.legalName())).count() == expected);
        for (CompanySnapshot c : index.companies()) {
            if (!demoNames.contains(c.legalName())) {
                continue; // another test's company, on the shared broker
            }
            territories.add(c.territory());
            c.offers().forEach(o -> languages.add(o.lang()));
            c.offers().forEach(o -> assertThat(o.concepts()).as(c.legalName() + ": " + o.title()).isNotEmpty());
        }
        assertThat(territories).hasSize(7);
        assertThat(languages).containsExactlyInAnyOrder("eu", "fr", "es", "en");
    }
}
