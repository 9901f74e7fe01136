package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eus.elkarlan.test.fuzz.ApiFuzzer;
import eus.elkarlan.test.fuzz.FuzzCaller;
import eus.elkarlan.test.fuzz.FuzzReport;
import eus.elkarlan.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The fuzz pass through the gateway, with real Keycloak tokens, over every operation of the merged
 * OpenAPI document the gateway serves (issue 9, bad input): never a 5xx, every 4xx as problem
 * details (the gateway's own refusals and the services' ones it relays), no internals, and no
 * company's private data for another company, a partner or nobody. Each service's own pass
 * ({@code ApiFuzzTests} in its module) sends every case and also checks that a rejected request
 * stores nothing; this one sends a seeded quarter of them, so that what the gateway adds (routing,
 * its body limit, token checks, relaying of problem details) is crossed by every kind of case.
 * Then what only the gateway answers: traversal towards other routes and the services' actuators,
 * tampered and forged tokens, unknown routes, oversized headers, a hostile CORS origin.
 * <p>
 * The local stack of the system tests runs with the gateway's rate limits raised (system-tests/pom.xml):
 * this pass sends thousands of requests per caller; the limits are tested in the gateway module.
 */
class GatewayFuzzTests {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final Random RANDOM = new Random();
    static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Supplier<String> ownerP;
    static Supplier<String> ownerX;
    static Supplier<String> intruder;
    static Supplier<String> organizer;
    static Supplier<String> partner;
    static final List<Supplier<String>> newcomers = new ArrayList<>();
    static String companyP;
    static String companyX;
    static String subjectP;
    static String subjectX;
    static String event;
    static String openRequest;
    static String meeting;
    static String notification;
    static String webhook;
    static Map<String, Object> bodyP;

    @BeforeAll
    static void fixtures() {
        // P: a private company, whose name and contact are secrets to everybody but its owner
        ownerP = user("p");
        subjectP = LocalStack.claims(ownerP.get()).path("sub").asString();
        bodyP = company("Ezkutuko Gateway Fuzz " + RUN + " SL", false, "fuzz-p-" + RUN + "@ezkutuko.example", "Fuzz Contact " + RUN);
        companyP = created(call("POST", "/api/v1/companies", ownerP.get(), bodyP), "id");
        // B: a public company owned by the intruder, in no event
        intruder = user("b");
        created(call("POST", "/api/v1/companies", intruder.get(), company("Kanpoko Gateway Fuzz " + RUN, true,
                "fuzz-b-" + RUN + "@kanpo.example", "Kanpo")), "id");
        // X, Y, Z take part in an event: X's accepted request to Y and open request to Z carry a secret message
        ownerX = user("x");
        subjectX = LocalStack.claims(ownerX.get()).path("sub").asString();
        companyX = created(call("POST", "/api/v1/companies", ownerX.get(), company("Fuzz Itsaso " + RUN, true,
                "fuzz-x-" + RUN + "@itsaso.example", "Itsaso")), "id");
        Supplier<String> ownerY = user("y");
        String companyY = created(call("POST", "/api/v1/companies", ownerY.get(), company("Fuzz Baiona " + RUN, true,
                "fuzz-y-" + RUN + "@baiona.example", "Baiona")), "id");
        Supplier<String> ownerZ = user("z");
        String companyZ = created(call("POST", "/api/v1/companies", ownerZ.get(), company("Fuzz Angelu " + RUN, true,
                "fuzz-z-" + RUN + "@angelu.example", "Angelu")), "id");
        for (int i = 0; i < 3; i++) {
            newcomers.add(user("n" + i));
        }
        organizer = LocalStack.signedIn("demo-organizer", "demo");
        partner = LocalStack.fresh(LocalStack::partnerToken, null);

        event = created(call("POST", "/api/v1/events", organizer.get(), eventBody("Gateway Fuzz Summit " + RUN)), "id");
        for (var owner : List.of(Map.entry(ownerX, companyX), Map.entry(ownerY, companyY), Map.entry(ownerZ, companyZ))) {
            // event-service learns of a registration from Kafka: 404 until then
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> call("POST",
                    "/api/v1/events/" + event + "/participants", owner.getKey().get(),
                    Map.of("companyId", owner.getValue(), "unavailableSlots", List.of(), "delegates", 1)).statusCode() == 201);
        }
        String request = created(call("POST", "/api/v1/events/" + event + "/meeting-requests", ownerX.get(),
                Map.of("fromCompanyId", companyX, "toCompanyId", companyY, "message", secretMessage(), "session", "ANY")), "id");
        HttpResponse<String> accepted = call("POST", "/api/v1/events/" + event + "/meeting-requests/" + request + "/accept",
                ownerY.get(), null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        meeting = LocalStack.JSON.readTree(accepted.body()).path("meetingId").asString();
        openRequest = created(call("POST", "/api/v1/events/" + event + "/meeting-requests", ownerX.get(),
                Map.of("fromCompanyId", companyX, "toCompanyId", companyZ, "message", secretMessage(), "session", "MORNING")), "id");
        // X's feed holds the notification of the accepted meeting
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode feed = LocalStack.JSON.readTree(LocalStack.get(LocalStack.GATEWAY + "/api/v1/notifications", ownerX.get()).body());
            notification = feed.path("items").path(0).path("id").asString(null);
            return notification != null;
        });
        webhook = created(call("POST", "/api/v1/webhooks", partner.get(), Map.of("url", "http://127.0.0.1:9/hooks/gateway-fuzz-" + RUN,
                "types", List.of("eus.elkarlan.company.registered.v1"), "description", "Gateway fuzz " + RUN)), "id");
    }

    @Test
    void everyRouteThroughTheGatewayRefusesBadInputCleanly() {
        FuzzCaller asOrganizer = FuzzCaller.insider("organizer", organizer);
        FuzzCaller asOwnerP = FuzzCaller.insider("owner-p", ownerP);
        FuzzCaller asOwnerX = FuzzCaller.insider("owner-x", ownerX);
        AtomicInteger turn = new AtomicInteger();
        FuzzReport report = ApiFuzzer.forService("gateway", 8080)
                .seed(20261129L)
                .sample(0.25)
                .callers(asOwnerX, asOwnerP, asOrganizer,
                        new FuzzCaller("other-company", intruder, true),
                        new FuzzCaller("partner", partner, true),
                        FuzzCaller.anonymous())
                .actor("POST /api/v1/companies", FuzzCaller.insider("newcomer",
                        () -> newcomers.get(Math.floorMod(turn.getAndIncrement(), newcomers.size())).get()))
                .actor("GET /api/v1/companies/{id}", asOwnerP)
                .actor("PUT /api/v1/companies/{id}", asOwnerP)
                .actor("DELETE /api/v1/companies/{id}", asOwnerP)
                .actor("GET /api/v1/companies/me", asOwnerP)
                .actor("GET /api/v1/matches/audit", asOrganizer)
                .actor("POST /api/v1/events", asOrganizer)
                // the longest prefix wins: the parties' own actions go back to X
                .actor("POST /api/v1/events/{id}/participants", asOwnerX)
                .actor("POST /api/v1/events/{id}/meeting", asOwnerX)
                .actor("POST /api/v1/events/{id}/meetings/{mid}/feedback", asOwnerX)
                .actor("PUT /api/v1/events/{id}", asOrganizer)
                .actor("POST /api/v1/events/{id}/schedule", asOrganizer)
                .actor("POST /api/v1/events/{id}/cancel", asOrganizer)
                .actor("GET /api/v1/events/{id}/stats", asOrganizer)
                .actor("POST /api/v1/webhooks", FuzzCaller.insider("partner", partner))
                .actor("GET /api/v1/webhooks", FuzzCaller.insider("partner", partner))
                .actor("DELETE /api/v1/webhooks", FuzzCaller.insider("partner", partner))
                .pathValues((op, name) -> {
                    String path = op.path();
                    if (path.startsWith("/api/v1/companies/")) {
                        return companyP;
                    }
                    if (path.startsWith("/api/v1/webhooks/")) {
                        return name.equals("id") ? webhook : null;
                    }
                    if (path.startsWith("/api/v1/notifications/")) {
                        return notification;
                    }
                    return switch (name) {
                        case "id" -> event;
                        case "companyId" -> companyX;
                        case "rid" -> openRequest;
                        case "mid" -> meeting;
                        default -> null;
                    };
                })
                .body("POST /api/v1/companies", () -> company("Berria Gateway Fuzz " + RUN, true, "berria-" + RUN + "@berria.example", "Berria"))
                .body("PUT /api/v1/companies/{id}", () -> bodyP)
                .headers("PUT /api/v1/companies/{id}", Map.of("If-Match", "*"))
                .headers("PUT /api/v1/events/{id}", Map.of("If-Match", "*"))
                .body("POST /api/v1/events", () -> eventBody("Gateway Fuzz Forum " + RUN))
                .body("PUT /api/v1/events/{id}", () -> eventBody("Gateway Fuzz Summit " + RUN))
                .body("POST /api/v1/events/{id}/participants", () -> Map.of("companyId", companyX, "unavailableSlots", List.of(2),
                        "delegates", 1))
                .body("POST /api/v1/events/{id}/meeting-requests", () -> Map.of("fromCompanyId", companyX, "toCompanyId", companyP,
                        "message", "Kaixo", "session", "AFTERNOON"))
                .body("POST /api/v1/events/{id}/schedule", () -> Map.of("timeLimitSeconds", 2, "fairness", 2))
                .body("POST /api/v1/events/{id}/meetings/{mid}/check-in", () -> Map.of("held", true))
                .body("POST /api/v1/events/{id}/meetings/{mid}/feedback", () -> Map.of("rating", 3, "followUpPlanned", true))
                .body("POST /api/v1/webhooks", () -> Map.of("url", "http://127.0.0.1:9/hooks/new-" + RUN,
                        "types", List.of("eus.elkarlan.match.suggested.v1"), "description", "Another hook"))
                .body("PUT /api/v1/notifications/preferences", () -> Map.of("unsubscribed", List.of(), "digest", false))
                .insidersOnly("GET /api/v1/companies/{id}/export")
                .insidersOnly("GET /api/v1/events/{id}/agenda/{companyId}")
                .insidersOnly("GET /api/v1/events/{id}/stats")
                .insidersOnly("POST /api/v1/notifications/{id}/read")
                .secret("Ezkutuko Gateway Fuzz " + RUN)
                .secret("fuzz-p-" + RUN + "@ezkutuko.example")
                .secret("Fuzz Contact " + RUN)
                .secret(subjectP)
                .secret(subjectX)
                .secret(secretMessage())
                .run();

        report.assertNoBrokenRules();
        assertThat(report.operations()).as("operations of the merged document").isGreaterThanOrEqualTo(40);
        assertThat(report.count(413)).as("bodies over 1 MiB refused at the gateway").isPositive();
        assertThat(report.count(200)).as("valid requests served").isPositive();
        // the fixtures survived: P is still private and its owner's, the event still open
        HttpResponse<String> p = LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/" + companyP, ownerP.get());
        assertThat(p.statusCode()).isEqualTo(200);
        assertThat(LocalStack.JSON.readTree(p.body()).path("publicProfile").asBoolean()).isFalse();
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/" + companyP, intruder.get()).statusCode()).isEqualTo(404);
        assertThat(LocalStack.JSON.readTree(LocalStack.get(LocalStack.GATEWAY + "/api/v1/events/" + event, null).body())
                .path("status").asString()).isNotEqualTo("CANCELLED");
    }

    @Test
    void whatOnlyTheGatewayAnswersIsRefusedCleanly() {
        String token = ownerX.get();
        // traversal out of a route, towards another service's routes or the services' actuators
        for (String prefix : List.of("/api/v1/companies/", "/api/v1/events/", "/api/v1/notifications/", "/api/v1/webhooks/",
                "/api/v1/calendar/")) {
            for (String escape : List.of("..%2F..%2F..%2Factuator%2Fenv", "%2e%2e/%2e%2e/%2e%2e/actuator/env", "..;/..;/..;/actuator/env",
                    "..%252F..%252F..%252Factuator%252Fenv", "%2e%2e%2f%2e%2e%2f%2e%2e%2factuator%2fheapdump", "..%5C..%5C..%5Cactuator%5Cenv",
                    "%c0%ae%c0%ae/%c0%ae%c0%ae/actuator/env", "x/../../../../actuator/prometheus")) {
                HttpResponse<String> r = raw("GET", prefix + escape, token, Map.of());
                assertThat(r.statusCode()).as("%s%s", prefix, escape).isBetween(400, 499);
                assertProblem(r, prefix + escape);
                assertThat(r.body()).as("%s%s", prefix, escape).doesNotContain("propertySources", "activeProfiles", "jvm_memory");
            }
        }
        // the gateway's own actuator shows health only; the services' actuators are no route
        assertThat(raw("GET", "/actuator/env", null, Map.of()).statusCode()).isIn(401, 403, 404);
        assertThat(raw("GET", "/api/v1/actuator/env", token, Map.of()).statusCode()).isEqualTo(404);

        // tokens: a real token whose claims were changed keeps its signature, which no longer matches
        String[] parts = token.split("\\.");
        JsonNode claims = LocalStack.claims(token);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString()
                .replace("\"company\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(parts[0] + "." + tampered + "." + parts[2], none + "." + parts[1] + ".",
                TestTokens.get().forgedToken(subjectX, "admin"), TestTokens.get().foreignIssuerToken(subjectX, "admin"),
                "x", "a.b.c", "Basic " + token, "ey.ey.ey.ey", "x".repeat(9000))) {
            HttpResponse<String> r = raw("GET", "/api/v1/companies/me", null, Map.of("Authorization", bad.startsWith("Basic ") ? bad
                    : "Bearer " + bad));
            assertThat(r.statusCode()).as("Authorization %s…", bad.substring(0, Math.min(20, bad.length()))).isIn(400, 401, 431);
            assertProblem(r, "Authorization");
        }
        HttpResponse<String> audit = raw("GET", "/api/v1/matches/audit", null, Map.of("Authorization",
                "Bearer " + parts[0] + "." + tampered + "." + parts[2]));
        assertThat(audit.statusCode()).isEqualTo(401);

        // routes the gateway does not know, methods a route does not have
        for (String path : List.of("/api/v1/nothing-here", "/api/v2/companies", "/api/v1/", "/api/v1/companies/x/y/z/w")) {
            HttpResponse<String> r = raw("GET", path, token, Map.of());
            assertThat(r.statusCode()).as(path).isIn(401, 403, 404, 405);
            assertProblem(r, path);
        }
        HttpResponse<String> patch = raw("PATCH", "/api/v1/companies/" + companyX, token, Map.of("Content-Type", "application/json"));
        assertThat(patch.statusCode()).isBetween(400, 499);
        assertProblem(patch, "PATCH");

        // a header block far over the limit: refused, and the gateway keeps serving
        HttpResponse<String> huge = raw("GET", "/api/v1/concepts", null, Map.of("X-Fuzz", "x".repeat(40_000)));
        assertThat(huge.statusCode()).isIn(400, 413, 431);
        assertThat(raw("GET", "/api/v1/concepts", null, Map.of()).statusCode()).isEqualTo(200);

        // a hostile origin is not granted cross-origin access
        HttpResponse<String> preflight = raw("OPTIONS", "/api/v1/companies/me", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // and nothing above changed X or P
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/" + companyP, ownerP.get()).statusCode()).isEqualTo(200);
        assertThat(LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/me", ownerX.get()).body()).contains(companyX);
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertProblem(HttpResponse<String> r, String what) {
        if (r.statusCode() == 431 || r.body().isEmpty() && r.statusCode() == 400) {
            return; // refused while reading the request line or headers: Netty answers before any handler
        }
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as("%s → %d %s", what, r.statusCode(), r.body())
                .startsWith("application/problem+json");
        JsonNode problem = LocalStack.JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(r.statusCode());
        assertThat(r.body()).as(what).doesNotContain("java.", "org.springframework", "reactor.", "io.netty", "Exception");
    }

    private static HttpResponse<String> raw(String method, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        try {
            return RAW.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (java.io.IOException ex) {
            throw new AssertionError(method + " " + path + ": no answer from the gateway", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(LocalStack.JSON.writeValueAsString(body)));
        return LocalStack.send(builder.build());
    }

    private static String created(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as("%s %s", response.request().uri(), response.body()).isEqualTo(201);
        return LocalStack.JSON.readTree(response.body()).path(field).asString();
    }

    private static String secretMessage() {
        return "Gateway fuzz private message " + RUN;
    }

    /** A company user of this run, signed in again whenever its token is four minutes old. */
    private static Supplier<String> user(String name) {
        String username = "gwfuzz-" + RUN + "-" + name;
        return LocalStack.signedIn(username, KeycloakUsers.PASSWORD, KeycloakUsers.createCompanyUser(username, username + "@elkarlan.test"));
    }

    private static Map<String, Object> company(String name, boolean publicProfile, String email, String contact) {
        boolean north = RANDOM.nextBoolean();
        return new java.util.LinkedHashMap<>(Map.ofEntries(
                Map.entry("legalName", name),
                Map.entry("legalId", Map.of("scheme", north ? "FR_SIREN" : "ES_NIF", "value", north ? LegalIds.siren(RANDOM)
                        : LegalIds.cif(RANDOM))),
                Map.entry("territory", north ? "LAPURDI" : "GIPUZKOA"),
                Map.entry("city", north ? "Baiona" : "Donostia"),
                Map.entry("postalCode", north ? "64100" : "20018"),
                Map.entry("sizeBand", "SMALL"),
                Map.entry("naceCode", "62.02"),
                Map.entry("languages", List.of("eu", north ? "fr" : "es")),
                Map.entry("description", Map.of("eu", "Zibersegurtasun enpresa bat")),
                Map.entry("offers", List.of(Map.of("title", "Zibersegurtasun auditoria", "lang", "eu", "cooperation", List.of("SUPPLIER")))),
                Map.entry("needs", List.of(Map.of("title", "Distributeur en France", "lang", "fr", "cooperation", List.of("PARTNER")))),
                Map.entry("womenLed", false),
                Map.entry("publicProfile", publicProfile),
                Map.entry("contact", Map.of("name", contact, "email", email))));
    }

    private static Map<String, Object> eventBody(String name) {
        return Map.of("name", name, "venue", Map.of("name", "Kursaal", "city", "Donostia"), "timeZone", "Europe/Madrid",
                "days", List.of(Map.of("date", "2030-06-11", "sessions", List.of(Map.of("start", "09:00", "end", "12:00"),
                        Map.of("start", "14:00", "end", "16:00")))),
                "slotMinutes", 30, "tables", 4, "registrationDeadline", "2030-06-01T18:00:00+02:00");
    }
}
