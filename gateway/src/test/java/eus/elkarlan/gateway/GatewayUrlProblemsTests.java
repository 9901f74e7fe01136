package eus.elkarlan.gateway;

import static eus.elkarlan.gateway.GatewayHttp.get;
import static eus.elkarlan.gateway.GatewaySecurityTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import eus.elkarlan.testsupport.TestTokens;

/**
 * URLs the gateway itself refuses get problem details like every other refusal (the fuzz pass
 * through the gateway found empty 400s and 414s): traversal out of a route, and a long query (over
 * Netty's default 4 KB request line) that the services behind still answer.
 */
class GatewayUrlProblemsTests extends OneBackendTests {

    @Test
    void traversalOutOfARouteIsRefusedWithProblemDetailsAndNeverRelayed() {
        String token = TestTokens.get().companyToken();
        for (String path : new String[] { "/api/v1/companies/..%2F..%2Factuator%2Fenv", "/api/v1/events/../actuator/env",
                "/api/v1/events/%2e%2e/%2e%2e/actuator/env", "/api/v1/companies/;/matches", "/api/v1/webhooks/%252e%252e%252f",
                "/api/v1/companies/x%00y" }) {
            HttpResponse<String> response = get(port, path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertProblem(response, 400);
            assertThat(response.body()).as(path).doesNotContain("Exception", "firewall");
        }
        SERVICE.verify(0, WireMock.anyRequestedFor(WireMock.urlMatching(".*actuator.*")));
    }

    @Test
    void aQueryOfSixThousandCharactersReachesTheService() {
        SERVICE.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/v1/concepts")).withQueryParam("lang", WireMock.matching("x{6000}"))
                .willReturn(WireMock.okJson("[]")));
        HttpResponse<String> response = get(port, "/api/v1/concepts?lang=" + "x".repeat(6000), null);
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
