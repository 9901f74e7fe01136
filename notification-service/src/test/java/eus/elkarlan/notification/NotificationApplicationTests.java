package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import eus.elkarlan.contracts.Topics;
import eus.elkarlan.testsupport.TestTokens;

class NotificationApplicationTests extends NotificationTestSupport {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private RestClient plainClient() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void healthIsUpWithoutLoginAndCountsTheStore() {
        var response = plainClient().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void theOpenApiDocumentListsTheApi() {
        String doc = plainClient().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(doc).contains("/api/v1/notifications").contains("/api/v1/webhooks")
                .contains("/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay");
    }

    @Test
    void prometheusMetricsAreExposed() {
        String metrics = plainClient().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"notification-service\"")
                .contains("elkarlan_notification_mails_pending");
    }

    @Test
    void apiWithoutTokenGetsProblemDetails401() {
        var response = plainClient().get().uri("/api/v1/anything-private").retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getBody()).contains("\"status\":401");
    }

    @Test
    void forgedTokenIsRefused() {
        var response = plainClient().get().uri("/api/v1/anything-private")
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
