package eus.elkarlan.gateway;

import static eus.elkarlan.gateway.GatewayHttp.call;
import static eus.elkarlan.gateway.GatewayHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

/**
 * The security suite: every route of DESIGN.md's API table through the real gateway, with
 * WireMock standing in for the four services. Authentication, roles, CSRF, size limit, headers,
 * CORS, login start and the merged OpenAPI document.
 */
@PlatformTest(properties = { "elkarlan.gateway.web.cors-allowed-origins=http://ui.elkarlan.test",
        "elkarlan.gateway.rate-limit.anonymous.limit=100000", "elkarlan.gateway.rate-limit.authenticated.limit=100000" })
class GatewaySecurityTests {

    static final Map<String, WireMockServer> SERVICES = Map.of("company", GatewayHttp.service("company"), "matching",
            GatewayHttp.service("matching"), "event", GatewayHttp.service("event"), "notification",
            GatewayHttp.service("notification"));

    static final TestTokens TOKENS = TestTokens.get();

    static final FakeTokenEndpoint REALM = new FakeTokenEndpoint();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, server) -> registry.add("elkarlan.services." + name, server::baseUrl));
        registry.add("elkarlan.gateway.login.backchannel-url", REALM::realmUrl);
        SERVICES.get("company").stubFor(WireMock.get("/v3/api-docs").willReturn(WireMock.okJson("""
                {"openapi":"3.1.0","info":{"title":"company-service","version":"1"},
                 "paths":{"/api/v1/companies":{"get":{"operationId":"directory","responses":{"200":{"description":"a page"}}}}},
                 "components":{"schemas":{"Company":{"type":"object"}},
                   "securitySchemes":{"mine":{"type":"http","scheme":"basic"}}}}""")));
        SERVICES.get("matching").stubFor(WireMock.get("/v3/api-docs").willReturn(WireMock.okJson("""
                {"openapi":"3.1.0","paths":{"/api/v1/matches/audit":{"get":{"responses":{"200":{"description":"audit"}}}}}}""")));
        // event-service: no document yet (404); notification-service: an empty body
        SERVICES.get("notification").stubFor(WireMock.get("/v3/api-docs").willReturn(WireMock.ok("")));
    }

    @AfterAll
    static void stopServices() {
        SERVICES.values().forEach(WireMockServer::stop);
        REALM.stop();
    }

    static Stream<ApiRoute> routes() {
        return ApiRoute.all();
    }

    static Stream<ApiRoute> roleRestrictedRoutes() {
        return ApiRoute.all().filter(ApiRoute::restrictedByRole);
    }

    static Stream<ApiRoute> protectedRoutes() {
        return ApiRoute.all().filter(r -> !r.open());
    }

    private HttpResponse<String> call(ApiRoute route, String token) {
        return GatewayHttp.call(port, route.method(), route.path(), token, Map.of());
    }

    // --- authentication -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedRoutes")
    void withoutTokenAProtectedRouteGets401ProblemDetailsNotARedirect(ApiRoute route) {
        HttpResponse<String> response = call(route, null);
        assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("ELKARLAN_SESSION"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void withoutTokenAnOpenRouteReachesItsServiceAndOthersGet401(ApiRoute route) {
        HttpResponse<String> response = call(route, null);
        if (route.open()) {
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Service")).hasValue(route.service());
            assertThat(response.headers().firstValue("X-Token")).hasValue("none");
        }
        else {
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void expiredForgedForeignIssuerAndWrongAudienceTokensGet401OnEveryRoute(ApiRoute route) {
        String role = route.allowedRole();
        Map<String, BiFunction<String, String, String>> badTokens = Map.of(
                "expired", (s, r) -> TOKENS.expiredToken(s, r),
                "forged", (s, r) -> TOKENS.forgedToken(s, r),
                "foreign issuer", (s, r) -> TOKENS.foreignIssuerToken(s, r),
                "wrong audience", (s, r) -> TOKENS.wrongAudienceToken(s, r));
        badTokens.forEach((kind, token) -> {
            HttpResponse<String> response = call(route, token.apply(UUID.randomUUID().toString(), role));
            assertThat(response.statusCode()).as(kind + " token on " + route).isEqualTo(401);
            assertProblem(response, 401);
        });
        HttpResponse<String> garbage = call(route, "not-a-jwt");
        assertThat(garbage.statusCode()).as("garbage token on " + route).isEqualTo(401);
    }

    // --- roles ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void anAllowedRoleReachesTheOwningServiceWithItsTokenRelayed(ApiRoute route) {
        HttpResponse<String> response = call(route, TOKENS.token(UUID.randomUUID().toString(), route.allowedRole()));
        assertThat(response.statusCode()).as(route + " " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Service")).as(route.toString()).hasValue(route.service());
        assertThat(response.headers().firstValue("X-Token")).hasValue("relayed");
        for (String role : route.roles()) {
            assertThat(call(route, TOKENS.token(UUID.randomUUID().toString(), role)).statusCode())
                    .as(role + " on " + route).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleRestrictedRoutes")
    void aWrongRoleGets403ProblemDetails(ApiRoute route) {
        for (String role : route.forbiddenRoles()) {
            HttpResponse<String> response = call(route, TOKENS.token(UUID.randomUUID().toString(), role));
            assertThat(response.statusCode()).as(role + " on " + route).isEqualTo(403);
            assertProblem(response, 403);
        }
        HttpResponse<String> noRole = call(route, TOKENS.token(UUID.randomUUID().toString()));
        assertThat(noRole.statusCode()).as("no role on " + route).isEqualTo(403);
    }

    @Test
    void publicReadsAnswerHeadToo() {
        // its own client: a HEAD answer leaves nothing in a connection that another test would reuse
        var client = GatewayHttp.client();
        HttpResponse<String> head = GatewayHttp.call(client, port, "HEAD", "/api/v1/events", null, Map.of(),
                BodyPublishers.noBody());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Service")).hasValue("event");
        assertThat(GatewayHttp.call(client, port, "HEAD", "/api/v1/companies/me", null, Map.of(), BodyPublishers.noBody())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownApiPathNeedsACallerAndIsThen404ProblemDetails() {
        assertThat(get(port, "/api/v1/nowhere", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = get(port, "/api/v1/nowhere", TOKENS.companyToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404);
    }

    // --- size limit -----------------------------------------------------------------------

    @Test
    void aBodyOverOneMebibyteGets413ProblemDetailsAndOneJustUnderPasses() {
        String token = TOKENS.token(UUID.randomUUID().toString(), "company");
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        Arrays.fill(tooLarge, (byte) 'a');
        HttpResponse<String> refused = GatewayHttp.call(port, "POST", "/api/v1/companies", token, Map.of(),
                BodyPublishers.ofByteArray(tooLarge));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertProblem(refused, 413);
        assertThat(SERVICES.get("company").findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/v1/companies"))
                .withRequestBody(WireMock.matching("a{1000}.*")))).isEmpty();

        byte[] fits = Arrays.copyOf(tooLarge, 1024 * 1024);
        HttpResponse<String> accepted = GatewayHttp.call(port, "POST", "/api/v1/companies", token, Map.of(),
                BodyPublishers.ofByteArray(fits));
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizeBodyWithoutTokenGets401First() {
        byte[] tooLarge = new byte[2 * 1024 * 1024];
        HttpResponse<String> response = GatewayHttp.call(port, "POST", "/api/v1/companies", null, Map.of(),
                BodyPublishers.ofByteArray(tooLarge));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    // --- browser session: login, CSRF -----------------------------------------------------

    @Test
    void loginStartsAnAuthorizationCodeFlowWithPkceAgainstKeycloak() {
        HttpResponse<String> login = get(port, "/login?redirect=/events", null);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");
        String session = cookie(login, "ELKARLAN_SESSION");
        assertThat(session).isNotNull();
        assertThat(login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ELKARLAN_SESSION")))
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));

        HttpResponse<String> authorize = GatewayHttp.call(port, "GET", "/oauth2/authorization/keycloak", null,
                Map.of("Cookie", "ELKARLAN_SESSION=" + session));
        assertThat(authorize.statusCode()).isEqualTo(302);
        URI keycloak = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(keycloak.getScheme() + "://" + keycloak.getAuthority() + keycloak.getPath())
                .isEqualTo(TestTokens.ISSUER + "/protocol/openid-connect/auth");
        Map<String, String> query = query(keycloak);
        assertThat(query).containsEntry("client_id", "web").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("scope")).contains("openid");
        assertThat(query.get("redirect_uri")).isEqualTo("http://127.0.0.1:" + port + "/login/oauth2/code/keycloak");
    }

    @Test
    void loginNeverRedirectsToAnotherHost() {
        for (String evil : List.of("//evil.example/", "https://evil.example/", "/\\evil.example")) {
            HttpResponse<String> login = get(port, "/login?redirect=" + java.net.URLEncoder.encode(evil, StandardCharsets.UTF_8), null);
            assertThat(login.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");
        }
    }

    @Test
    void aCookieSessionWriteWithoutTheCsrfTokenGets403AndWithItPassesTheCsrfCheck() {
        HttpResponse<String> page = get(port, "/login", null);
        String session = cookie(page, "ELKARLAN_SESSION");
        HttpResponse<String> home = GatewayHttp.call(port, "GET", "/", null, Map.of("Cookie", "ELKARLAN_SESSION=" + session));
        String xsrf = cookie(home, "XSRF-TOKEN");
        assertThat(xsrf).as("the web UI gets a readable XSRF-TOKEN cookie").isNotBlank();
        assertThat(home.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN")))
                .allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("HttpOnly"));

        HttpResponse<String> withoutToken = GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants", null,
                Map.of("Cookie", "ELKARLAN_SESSION=" + session + "; XSRF-TOKEN=" + xsrf));
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        HttpResponse<String> wrongToken = GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants", null,
                Map.of("Cookie", "ELKARLAN_SESSION=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", "forged"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);

        HttpResponse<String> withToken = GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants", null,
                Map.of("Cookie", "ELKARLAN_SESSION=" + session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
        assertThat(withToken.statusCode()).as("past the CSRF check, the session is not signed in").isEqualTo(401);
    }

    @Test
    void aBearerWriteIsNeverRefusedForCsrfEvenWithAStraySessionCookie() {
        String session = cookie(get(port, "/login", null), "ELKARLAN_SESSION");
        HttpResponse<String> response = GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants",
                TOKENS.token(UUID.randomUUID().toString(), "company"), Map.of("Cookie", "ELKARLAN_SESSION=" + session));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Token")).hasValue("relayed");
        // and without any cookie nor token: 401, not a CSRF 403
        assertThat(GatewayHttp.call(port, "POST", "/api/v1/webhooks", null, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInBrowserSessionCarriesItsRolesRelaysItsTokenNeedsCsrfForWritesAndLogsOutOfKeycloak() {
        Map<String, String> jar = new HashMap<>();
        HttpResponse<String> login = get(port, "/login?redirect=/events", null);
        remember(jar, login);
        HttpResponse<String> authorize = GatewayHttp.call(port, "GET", "/oauth2/authorization/keycloak", null,
                Map.of("Cookie", cookies(jar)));
        remember(jar, authorize);
        Map<String, String> request = query(URI.create(authorize.headers().firstValue("Location").orElseThrow()));
        String subject = UUID.randomUUID().toString();
        REALM.nextLogin(subject, "amaia", request.get("nonce"), "company");

        // Keycloak's login form is skipped: the browser comes back with a code
        HttpResponse<String> callback = GatewayHttp.call(port, "GET", "/login/oauth2/code/keycloak?code=c-1&state="
                + java.net.URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8), null, Map.of("Cookie", cookies(jar)));
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("/events");
        remember(jar, callback);

        HttpResponse<String> session = GatewayHttp.call(port, "GET", "/api/v1/session", null, Map.of("Cookie", cookies(jar)));
        remember(jar, session);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        assertThat(session.body()).contains("\"subject\":\"" + subject + "\"").contains("\"via\":\"session\"")
                .contains("\"username\":\"amaia\"").contains("\"roles\":[\"company\"]");

        // the session's access token goes to the service, the cookie does not
        HttpResponse<String> mine = GatewayHttp.call(port, "GET", "/api/v1/companies/me", null, Map.of("Cookie", cookies(jar)));
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(mine.headers().firstValue("X-Token")).hasValue("relayed");
        assertThat(GatewayHttp.call(port, "GET", "/api/v1/events/e-1/stats", null, Map.of("Cookie", cookies(jar)))
                .statusCode()).isEqualTo(403);

        String xsrf = jar.get("XSRF-TOKEN");
        assertThat(xsrf).isNotBlank();
        assertThat(GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants", null, Map.of("Cookie", cookies(jar)))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> write = GatewayHttp.call(port, "POST", "/api/v1/events/e-1/participants", null,
                Map.of("Cookie", cookies(jar), "X-XSRF-TOKEN", xsrf));
        assertThat(write.statusCode()).isEqualTo(200);
        assertThat(write.headers().firstValue("X-Token")).hasValue("relayed");

        HttpResponse<String> logout = GatewayHttp.call(port, "POST", "/logout", null,
                Map.of("Cookie", cookies(jar), "X-XSRF-TOKEN", xsrf));
        assertThat(logout.statusCode()).isEqualTo(302);
        URI endSession = URI.create(logout.headers().firstValue("Location").orElseThrow());
        assertThat(endSession.getPath()).isEqualTo("/realms/elkarlan/protocol/openid-connect/logout");
        assertThat(query(endSession)).containsKey("id_token_hint")
                .containsEntry("post_logout_redirect_uri", "http://127.0.0.1:" + port + "/");
        remember(jar, logout);
        assertThat(GatewayHttp.call(port, "GET", "/api/v1/session", null, Map.of("Cookie", cookies(jar))).statusCode())
                .isEqualTo(401);
    }

    private static void remember(Map<String, String> jar, HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                jar.remove(name);
            }
            else {
                jar.put(name, value);
            }
        }
    }

    private static String cookies(Map<String, String> jar) {
        return jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    @Test
    void sessionEndpointTellsWhoCallsOr401() {
        assertThat(get(port, "/api/v1/session", null).statusCode()).isEqualTo(401);
        String subject = UUID.randomUUID().toString();
        HttpResponse<String> response = get(port, "/api/v1/session", TOKENS.token(subject, "organizer"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subject\":\"" + subject + "\"").contains("\"roles\":[\"organizer\"]")
                .contains("\"via\":\"bearer\"").contains("\"username\":\"user-" + subject + "\"");
    }

    @Test
    void logoutWithoutSessionGoesHome() {
        HttpResponse<String> response = GatewayHttp.call(port, "POST", "/logout", null, Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/");
    }

    // --- headers, CORS ---------------------------------------------------------------------

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() {
        HttpResponse<String> home = get(port, "/", null);
        assertThat(home.statusCode()).isEqualTo(200);
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(home.headers().firstValue("Permissions-Policy")).isPresent();
        HttpResponse<String> api = get(port, "/api/v1/events", null);
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void corsAllowsTheConfiguredOriginOnlyAndPreflightsNeedNoToken() {
        Map<String, String> preflight = Map.of("Origin", "http://ui.elkarlan.test", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        HttpResponse<String> allowed = GatewayHttp.call(port, "OPTIONS", "/api/v1/events", null, preflight);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.elkarlan.test");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                m -> assertThat(m).contains("POST"));

        Map<String, String> foreign = new HashMap<>(preflight);
        foreign.put("Origin", "http://evil.example");
        HttpResponse<String> refused = GatewayHttp.call(port, "OPTIONS", "/api/v1/events", null, foreign);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    // --- OpenAPI, actuator ----------------------------------------------------------------

    @Test
    void mergedOpenApiHoldsTheServicesPathsAndKeycloakSecuritySchemesAndNamesTheMissingServices() {
        HttpResponse<String> response = get(port, "/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        String doc = response.body();
        assertThat(doc).contains("\"/api/v1/companies\"").contains("\"/api/v1/matches/audit\"").contains("\"Company\"")
                .contains("\"bearer-jwt\"").contains("\"clientCredentials\"").contains("\"authorizationCode\"")
                .contains(TestTokens.ISSUER + "/protocol/openid-connect/token")
                .doesNotContain("\"mine\"");
        assertThat(doc).contains("event-service: unavailable").contains("notification-service");
        assertThat(get(port, "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndPrometheusAnswerWithoutLoginOtherActuatorEndpointsDoNot() {
        HttpResponse<String> health = get(port, "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(get(port, "/actuator/prometheus", null).body()).contains("application=\"gateway\"");
        assertThat(get(port, "/actuator/env", TOKENS.token("x", "admin")).statusCode()).isIn(403, 404);
    }

    // --- helpers --------------------------------------------------------------------------

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\":");
    }

    static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty())
                .findFirst().orElse(null);
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }
}
