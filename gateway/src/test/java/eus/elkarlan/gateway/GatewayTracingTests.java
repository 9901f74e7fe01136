package eus.elkarlan.gateway;

import static eus.elkarlan.gateway.GatewayHttp.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** The gateway passes the caller's trace on to the service it routes to, or starts one. */
class GatewayTracingTests extends OneBackendTests {

    @Test
    void theCallersTraceReachesTheServiceAsTheParentOfTheGatewaysSpan() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String path = "/api/v1/concepts?lang=eu&q=" + traceId;
        HttpResponse<String> response = call(port, "GET", path, null,
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(response.statusCode()).isEqualTo(200);

        String forwarded = forwardedTraceparent(path);
        assertThat(forwarded).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(forwarded).doesNotContain(callerSpan);
    }

    @Test
    void aCallWithoutTraceStartsOneThatTheServiceContinues() {
        String path = "/api/v1/concepts?lang=eu&q=" + hex(4);
        assertThat(call(port, "GET", path, null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(forwardedTraceparent(path)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    private static String forwardedTraceparent(String pathAndQuery) {
        List<LoggedRequest> requests = SERVICE.findAll(WireMock.getRequestedFor(WireMock.urlEqualTo(pathAndQuery)));
        assertThat(requests).hasSize(1);
        return requests.get(0).getHeader("traceparent");
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] |= 1;
        return HexFormat.of().formatHex(value);
    }
}
