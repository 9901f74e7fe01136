package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The gateway against the real Keycloak and services of the local stack: a browser signs in
 * (authorization code with PKCE through Keycloak's own login form), uses the API with its
 * session, and signs out of the gateway and of Keycloak; a partner calls the API with a
 * client-credentials token; the merged OpenAPI document is served.
 */
class GatewayEndToEndTests {

    private static final Pattern LOGOUT_CONFIRM = Pattern.compile("action=\"([^\"]*logout/confirm[^\"]*)\"");

    private static final Pattern SESSION_CODE = Pattern.compile("name=\"session_code\" value=\"([^\"]+)\"");

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    /** A browser: keeps cookies, follows nothing by itself so that each hop is visible. */
    static final class Browser {

        final LoopbackCookieJar cookies = new LoopbackCookieJar();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException ex) {
                throw new IllegalStateException(request.uri() + " does not answer", ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
        }

        /** Follows redirects as a browser does, at most 10. */
        HttpResponse<String> follow(HttpResponse<String> response) {
            for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                response = get(next.toString());
            }
            return response;
        }

        HttpResponse<String> postForm(String url, Map<String, String> form, Map<String, String> headers) {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return send(request.build());
        }

        HttpResponse<String> postJson(String url, String json, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            return send(request.build());
        }

        String cookie(String name) {
            return cookies.jar.values().stream().filter(c -> c.getName().equals(name) && !c.hasExpired())
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** Signs in through the gateway and Keycloak's login form; returns the last answer. */
        HttpResponse<String> signIn(String username, String password, String redirect) {
            HttpResponse<String> loginPage = follow(get(LocalStack.GATEWAY + "/login?redirect=" + redirect));
            assertThat(loginPage.statusCode()).as("Keycloak's login page").isEqualTo(200);
            assertThat(loginPage.uri().toString()).startsWith(LocalStack.ISSUER + "/protocol/openid-connect/auth");
            assertThat(loginPage.uri().getQuery()).contains("code_challenge_method=S256").contains("client_id=web");
            Matcher action = LOGIN_FORM.matcher(loginPage.body());
            assertThat(action.find()).as("a login form in " + loginPage.body()).isTrue();
            String formUrl = action.group(1).replace("&amp;", "&");
            HttpResponse<String> afterForm = postForm(formUrl, Map.of("username", username, "password", password,
                    "credentialId", ""), Map.of());
            assertThat(afterForm.statusCode()).as("Keycloak accepts the password: " + afterForm.body()).isEqualTo(302);
            return follow(afterForm);
        }
    }

    /**
     * A cookie jar for one host (127.0.0.1) that, like browsers, treats loopback as a secure context:
     * Keycloak marks its cookies {@code Secure} even over HTTP, and {@link java.net.CookieManager}
     * would never send those back over HTTP. Cookies are not port-specific, as in browsers.
     */
    static final class LoopbackCookieJar extends CookieHandler {

        final Map<String, HttpCookie> jar = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String header = jar.values().stream()
                    .filter(c -> !c.hasExpired() && path.startsWith(c.getPath()))
                    .map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
                    return;
                }
                for (String value : values) {
                    for (HttpCookie cookie : HttpCookie.parse(value)) {
                        if (cookie.getPath() == null || cookie.getPath().isEmpty()) {
                            String requestPath = uri.getPath() == null ? "/" : uri.getPath();
                            cookie.setPath(requestPath.substring(0, Math.max(1, requestPath.lastIndexOf('/'))));
                        }
                        String key = cookie.getName() + "|" + cookie.getPath();
                        if (cookie.hasExpired() || cookie.getMaxAge() == 0) {
                            jar.remove(key);
                        }
                        else {
                            jar.put(key, cookie);
                        }
                    }
                }
            });
        }
    }

    @Test
    void aBrowserSignsInUsesTheApiWithItsSessionAndSignsOutOfTheGatewayAndKeycloak() {
        Browser browser = new Browser();
        assertThat(browser.get(LocalStack.GATEWAY + "/api/v1/session").statusCode()).isEqualTo(401);

        HttpResponse<String> home = browser.signIn("demo-company", "demo", "/index.html");
        assertThat(home.uri().toString()).isEqualTo(LocalStack.GATEWAY + "/index.html");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(browser.cookie("ELKARLAN_SESSION")).isNotBlank();

        HttpResponse<String> session = browser.get(LocalStack.GATEWAY + "/api/v1/session");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        JsonNode who = LocalStack.JSON.readTree(session.body());
        assertThat(who.get("subject").asString()).isEqualTo("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01");
        assertThat(who.get("username").asString()).isEqualTo("demo-company");
        assertThat(who.get("via").asString()).isEqualTo("session");
        assertThat(who.get("roles").toString()).contains("company").doesNotContain("organizer");

        // the session's access token is relayed: company-service validates it (not 401 or 403)
        HttpResponse<String> mine = browser.get(LocalStack.GATEWAY + "/api/v1/companies/me");
        assertThat(mine.statusCode()).as(mine.body()).isNotIn(401, 403, 500, 502, 503);
        // a role the user lacks is refused at the gateway
        assertThat(browser.get(LocalStack.GATEWAY + "/api/v1/events/e-1/stats").statusCode()).isEqualTo(403);

        // a write with the session needs the CSRF header
        String xsrf = browser.cookie("XSRF-TOKEN");
        assertThat(xsrf).as("the XSRF-TOKEN cookie").isNotBlank();
        HttpResponse<String> withoutCsrf = browser.postJson(LocalStack.GATEWAY + "/api/v1/notifications/n-1/read", "{}",
                Map.of());
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> withCsrf = browser.postJson(LocalStack.GATEWAY + "/api/v1/notifications/n-1/read", "{}",
                Map.of("X-XSRF-TOKEN", xsrf));
        assertThat(withCsrf.statusCode()).as(withCsrf.body()).isNotIn(401, 403, 500, 502, 503);

        // sign out: the gateway session ends, then Keycloak's (RP-initiated logout)
        HttpResponse<String> logout = browser.postForm(LocalStack.GATEWAY + "/logout", Map.of(),
                Map.of("X-XSRF-TOKEN", xsrf));
        assertThat(logout.statusCode()).isEqualTo(302);
        String endSession = logout.headers().firstValue("Location").orElseThrow();
        assertThat(endSession).startsWith(LocalStack.ISSUER + "/protocol/openid-connect/logout").contains("id_token_hint=")
                .contains("post_logout_redirect_uri=");
        HttpResponse<String> back = browser.follow(logout);
        Matcher confirm = LOGOUT_CONFIRM.matcher(back.body());
        if (back.uri().toString().startsWith(LocalStack.ISSUER) && confirm.find()) {
            // a Keycloak that asks to confirm: confirm as the user would
            Matcher code = SESSION_CODE.matcher(back.body());
            assertThat(code.find()).isTrue();
            back = browser.follow(browser.postForm(back.uri().resolve(confirm.group(1).replace("&amp;", "&")).toString(),
                    Map.of("session_code", code.group(1), "confirmLogout", "Logout"), Map.of()));
        }
        assertThat(back.uri().toString()).isEqualTo(LocalStack.GATEWAY + "/");
        assertThat(browser.get(LocalStack.GATEWAY + "/api/v1/session").statusCode()).isEqualTo(401);

        // Keycloak asks for the password again: its single sign-on session is over
        HttpResponse<String> again = browser.follow(browser.get(LocalStack.GATEWAY + "/login"));
        assertThat(again.uri().toString()).startsWith(LocalStack.ISSUER + "/protocol/openid-connect/auth");
        assertThat(LOGIN_FORM.matcher(again.body()).find()).isTrue();
    }

    @Test
    void aPartnerCallsTheApiWithAClientCredentialsToken() {
        String token = LocalStack.partnerToken();
        HttpResponse<String> webhooks = LocalStack.get(LocalStack.GATEWAY + "/api/v1/webhooks", token);
        assertThat(webhooks.statusCode()).as(webhooks.body()).isNotIn(401, 403, 500, 502, 503);
        assertThat(webhooks.headers().firstValue("X-RateLimit-Limit")).isPresent();

        HttpResponse<String> session = LocalStack.get(LocalStack.GATEWAY + "/api/v1/session", token);
        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode who = LocalStack.JSON.readTree(session.body());
        assertThat(who.get("client").asString()).isEqualTo("partner-demo");
        assertThat(who.get("roles").toString()).contains("partner").doesNotContain("company");

        // a partner is no company
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/me", token).statusCode()).isEqualTo(403);
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/api/v1/webhooks", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theMergedOpenApiDocumentAndSwaggerUiAreServed() {
        HttpResponse<String> docs = LocalStack.get(LocalStack.GATEWAY + "/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode doc = LocalStack.JSON.readTree(docs.body());
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("bearer-jwt").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("keycloak").path("flows").path("clientCredentials").path("tokenUrl").asString())
                .isEqualTo(LocalStack.ISSUER + "/protocol/openid-connect/token");
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }
}
