package eus.elkarlan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

@PlatformTest
class GatewayApplicationTests {

    @LocalServerPort
    int port;

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void healthIsUpWithoutLogin() {
        var response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusMetricsAreExposed() {
        assertThat(client().get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("application=\"gateway\"");
    }

    @Test
    void privateApiWithoutTokenGets401ProblemDetailsNotARedirect() {
        var response = client().get().uri("/api/v1/companies/me").retrieve().onStatus(s -> true, (q, r) -> { })
                .toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        var response = client().get().uri("/api/v1/companies/me")
                .header("Authorization", "Bearer " + TestTokens.get().wrongAudienceToken("someone", "company"))
                .retrieve().onStatus(s -> true, (q, r) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
