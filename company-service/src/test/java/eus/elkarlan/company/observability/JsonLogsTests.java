package eus.elkarlan.company.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import eus.elkarlan.testsupport.PlatformTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service as containers run it: JSON log lines (the json-logs profile) that carry the request's trace id. */
@PlatformTest(properties = { "spring.profiles.active=json-logs",
        "logging.level.org.springframework.web.servlet.DispatcherServlet=debug" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // closed afterwards, so that the next context initializes its logging again
class JsonLogsTests {

    @LocalServerPort
    int port;

    /** Boot keeps the format in a system property, which would make every later context of the JVM log JSON. */
    @AfterAll
    static void plainTextForTheNextContexts() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
    }

    @Test
    void eachLogLineIsAJsonObjectCarryingTheTraceIdOfTheRequest(CapturedOutput output) {
        String traceId = requestWithTrace("01");

        List<JsonNode> lines = linesWith(output, traceId);
        assertThat(lines).as("log lines of the request").isNotEmpty();
        JsonNode line = lines.get(0);
        assertThat(line.path("message").asString()).isNotBlank();
        assertThat(line.path("service").path("name").asString()).isEqualTo("company-service");
        assertThat(line.path("traceId").asString()).isEqualTo(traceId);
        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
    }

    @Test
    void anUnsampledRequestStillLogsItsTraceId(CapturedOutput output) {
        // flags 00: the caller did not sample this trace (Kubernetes samples one in ten); nothing is exported,
        // but its log lines can still be found by trace id
        String traceId = requestWithTrace("00");

        assertThat(linesWith(output, traceId)).as("log lines of the unsampled request").isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("traceId").asString()).isEqualTo(traceId));
    }

    private String requestWithTrace(String flags) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        String traceId = HexFormat.of().formatHex(bytes);
        RestClient.create("http://127.0.0.1:" + port).get().uri("/api/v1/concepts")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags).retrieve().toBodilessEntity();
        return traceId;
    }

    private static List<JsonNode> linesWith(CapturedOutput output, String traceId) {
        JsonMapper json = JsonMapper.builder().build();
        return output.getOut().lines().filter(line -> line.contains(traceId)).map(json::readTree).toList();
    }
}
