package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The OpenAPI document committed in {@code api-client/src/main/openapi} (from which the build
 * generates the Java client the other suites use) is the one the running gateway serves: a change
 * of the API that is not committed there fails here.
 */
class OpenApiDocumentTests {

    @Test
    void theCommittedDocumentIsWhatTheGatewayServes() throws IOException {
        AtomicReference<JsonNode> served = new AtomicReference<>();
        // each service builds its document on the first call; the gateway skips a service that is slow
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> response = LocalStack.get(LocalStack.GATEWAY + "/v3/api-docs", null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = LocalStack.JSON.readTree(response.body());
            assertThat(document.path("info").path("description").asString()).doesNotContain("Not included right now");
            served.set(document);
        });
        // the public API only: no error page, actuator or documentation route of a service
        assertThat(served.get().path("paths").propertyNames()).allMatch(path -> path.startsWith("/api/v1/"),
                "is a path of the public API");
        Path committed = Path.of(System.getProperty("elkarlan.openapi"));
        Path copy = Path.of(System.getProperty("elkarlan.openapi.served"));
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, LocalStack.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(served.get()) + "\n");

        assertThat(LocalStack.JSON.readTree(Files.readString(committed)))
                .as("%s differs from what the gateway serves; if the API change is intended, copy %s over it "
                        + "(the client is generated from it)", committed, copy)
                .isEqualTo(served.get());
    }
}
