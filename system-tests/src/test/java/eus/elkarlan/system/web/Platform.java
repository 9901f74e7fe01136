package eus.elkarlan.system.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/** What the browser journeys prepare behind the UI: Keycloak users (admin API), API calls with their tokens. */
final class Platform {

    static final String KEYCLOAK = System.getProperty("elkarlan.keycloak.url", "http://127.0.0.1:8180");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Platform() {
    }

    /** A user of the local realm with the role {@code company}, usable at once (verified e-mail, names, password). */
    static void createCompanyUser(String username, String password) {
        createUser(username, password, "company");
    }

    /** A user of the local realm with one realm role, usable at once (verified e-mail, names, password). */
    static void createUser(String username, String password, String realmRole) {
        String admin = token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", "admin"));
        String users = KEYCLOAK + "/admin/realms/elkarlan/users";
        String body = WebUi.JSON.writeValueAsString(Map.of("username", username, "email", username + "@example.org",
                "firstName", "Proba", "lastName", "Erabiltzailea", "enabled", true, "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        check(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> role = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/elkarlan/roles/" + realmRole))
                .header("Authorization", "Bearer " + admin).GET().build());
        check(role, 200);
        check(send(HttpRequest.newBuilder(URI.create(users + "/" + userId + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + role.body() + "]")).build()), 204);
    }

    /** An access token through the local realm's password grant (client {@code web}). */
    static String userToken(String username, String password) {
        return token("elkarlan", Map.of("grant_type", "password", "client_id", "web", "username", username, "password", password));
    }

    static HttpResponse<String> call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(WebUi.BASE + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(WebUi.JSON.writeValueAsString(body)));
        }
        return send(request.build());
    }

    static JsonNode json(HttpResponse<String> response, int... expected) {
        check(response, expected);
        return WebUi.JSON.readTree(response.body());
    }

    /** A SIREN with a valid Luhn check digit, different on every run. */
    static String siren() {
        StringBuilder digits = new StringBuilder("7");
        for (int i = 0; i < 7; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = digits.toString() + check;
            if (luhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    /** A Spanish CIF of a limited company (letter B), with its check digit, different on every run. */
    static String cif() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = digits.charAt(i) - '0';
            if (i % 2 == 0) {
                int doubled = d * 2;
                sum += doubled / 10 + doubled % 10;
            }
            else {
                sum += d;
            }
        }
        return "B" + digits + (10 - sum % 10) % 10;
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return json(response, 200).get("access_token").asString();
    }

    private static void check(HttpResponse<String> response, int... expected) {
        for (int status : expected) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(request.uri() + " does not answer", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
