package eus.elkarlan.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

@PlatformTest
class CompanyApplicationTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void healthIsUpWithoutLoginAndCountsTheStore() {
        var response = client().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusMetricsAreExposed() {
        String metrics = client().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"company-service\"");
    }

    @Test
    void apiWithoutTokenGetsProblemDetails401() {
        var response = client().get().uri("/api/v1/anything-private").retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getBody()).contains("\"status\":401");
    }

    @Test
    void theOpenApiDocumentListsTheCompanyEndpoints() {
        String doc = client().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(doc).contains("/api/v1/companies/{id}/export", "/api/v1/concepts/suggest", "/api/v1/open-data/stats", "CompanyRequest");
        // the problem-details error controller answers /error for every method, but is no API route
        assertThat(doc).doesNotContain("\"/error\"");
    }

    @Test
    void forgedTokenIsRefused() {
        var response = client().get().uri("/api/v1/anything-private")
                .header("Authorization", "Bearer " + TestTokens.get().forgedToken("someone", "admin")).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void platformTopicsExistWithTheirDeadLetterTopics() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.listTopics().names().get()).contains(Topics.COMPANIES, Topics.deadLetter(Topics.COMPANIES),
                    Topics.MATCHES, Topics.EVENTS, Topics.deadLetter(Topics.EVENTS));
        }
    }
}
