package eus.elkarlan.gateway;

import static eus.elkarlan.gateway.GatewayHttp.get;
import static eus.elkarlan.gateway.GatewaySecurityTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * Rate limits, circuit breakers, timeouts and retries: small quotas, a slow service (WireMock
 * with a delay), a flaky one (503 then 200) and a service that is down (a closed port).
 */
@PlatformTest(properties = { "elkarlan.gateway.rate-limit.anonymous.limit=3",
        "elkarlan.gateway.rate-limit.anonymous.period=1h", "elkarlan.gateway.rate-limit.roles.partner.limit=5",
        "elkarlan.gateway.rate-limit.roles.partner.period=1h", "elkarlan.gateway.routing.timeouts.matching=1s",
        "elkarlan.gateway.routing.circuit-breaker.minimum-number-of-calls=1000" })
class GatewayLimitsTests {

    static final WireMockServer SERVICE = GatewayHttp.service("company");
    static final TestTokens TOKENS = TestTokens.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("elkarlan.services.company", SERVICE::baseUrl);
        registry.add("elkarlan.services.matching", SERVICE::baseUrl);
        registry.add("elkarlan.services.notification", SERVICE::baseUrl);
        registry.add("elkarlan.services.event", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stop() {
        SERVICE.stop();
    }

    @Test
    void anAnonymousCallerOverItsQuotaGets429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get(port, "/api/v1/concepts?lang=eu", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        }
        HttpResponse<String> limited = get(port, "/api/v1/concepts?lang=eu", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertProblem(limited, 429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }

    @Test
    void aPartnerOverItsQuotaGets429AndAnotherPartnerIsNotAffected() {
        String partner = TOKENS.token(UUID.randomUUID().toString(), "partner");
        for (int i = 0; i < 5; i++) {
            assertThat(get(port, "/api/v1/webhooks", partner).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get(port, "/api/v1/webhooks", partner);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("role partner");

        assertThat(get(port, "/api/v1/webhooks", TOKENS.token(UUID.randomUUID().toString(), "partner")).statusCode())
                .isEqualTo(200);
        // a company user has a larger quota (600 per minute by default)
        String company = TOKENS.token(UUID.randomUUID().toString(), "company");
        for (int i = 0; i < 7; i++) {
            assertThat(get(port, "/api/v1/companies/me", company).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aServiceThatIsDownGets503ProblemDetailsForReadsAndWrites() {
        HttpResponse<String> read = get(port, "/api/v1/events/e-1", TOKENS.token(UUID.randomUUID().toString(), "organizer"));
        assertThat(read.statusCode()).isEqualTo(503);
        assertProblem(read, 503);
        assertThat(read.body()).contains("event-service");
        assertThat(read.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> write = GatewayHttp.call(port, "POST", "/api/v1/events",
                TOKENS.token(UUID.randomUUID().toString(), "organizer"), Map.of());
        assertThat(write.statusCode()).isEqualTo(503);
        assertProblem(write, 503);
    }

    @Test
    void fortyCallsInFlightToOneRouteAreAllRelayed() throws Exception {
        // Resilience4j's default bulkhead (25 calls at once) refused the 26th with 503
        SERVICE.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/v1/companies/busy")).atPriority(1)
                .willReturn(WireMock.okJson("{}").withFixedDelay(1500)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 40; i++) {
                String token = TOKENS.token(UUID.randomUUID().toString(), "company");
                answers.add(pool.submit(() -> get(port, "/api/v1/companies/busy", token).statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServiceSlowerThanItsRouteTimeoutGets503() {
        SERVICE.stubFor(WireMock.get("/api/v1/matches/slow").atPriority(1)
                .willReturn(WireMock.okJson("{}").withFixedDelay(5000)));
        HttpResponse<String> response = get(port, "/api/v1/matches/slow", TOKENS.companyToken());
        assertThat(response.statusCode()).isEqualTo(503);
        assertProblem(response, 503);
    }

    @Test
    void aFailedReadIsRetriedButAWriteIsNot() {
        SERVICE.stubFor(WireMock.get("/api/v1/companies/flaky").atPriority(1).inScenario("read")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(WireMock.serviceUnavailable()).willSetStateTo("up"));
        SERVICE.stubFor(WireMock.get("/api/v1/companies/flaky").atPriority(1).inScenario("read")
                .whenScenarioStateIs("up").willReturn(WireMock.okJson("{\"legalName\":\"Itsaso\"}")));
        HttpResponse<String> read = get(port, "/api/v1/companies/flaky", TOKENS.companyToken());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(SERVICE.findAll(WireMock.getRequestedFor(WireMock.urlEqualTo("/api/v1/companies/flaky")))).hasSize(2);

        SERVICE.stubFor(WireMock.put("/api/v1/companies/flaky").atPriority(1).inScenario("write")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(WireMock.serviceUnavailable()).willSetStateTo("up"));
        SERVICE.stubFor(WireMock.put("/api/v1/companies/flaky").atPriority(1).inScenario("write")
                .whenScenarioStateIs("up").willReturn(WireMock.okJson("{}")));
        HttpResponse<String> write = GatewayHttp.call(port, "PUT", "/api/v1/companies/flaky", TOKENS.companyToken(), Map.of());
        assertThat(write.statusCode()).isEqualTo(503);
        assertProblem(write, 503);
        assertThat(SERVICE.findAll(WireMock.putRequestedFor(WireMock.urlEqualTo("/api/v1/companies/flaky")))).hasSize(1);
    }

    @Test
    void aStreamedBodyWithoutContentLengthOverTheLimitGets413() {
        byte[] tooLarge = new byte[3 * 1024 * 1024];
        HttpResponse<String> response = GatewayHttp.call(port, "POST", "/api/v1/companies", TOKENS.companyToken(), Map.of(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)));
        assertThat(response.statusCode()).isEqualTo(413);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
