package eus.elkarlan.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the system tests know of the running local stack: its addresses and how to get tokens. */
final class LocalStack {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String KEYCLOAK = "http://127.0.0.1:8180";
    static final String ISSUER = KEYCLOAK + "/realms/elkarlan";
    static final String MAIL = "http://127.0.0.1:8025";
    static final String KAFKA = "127.0.0.1:9092";
    static final String MONGODB = "mongodb://127.0.0.1:27017";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalStack() {
    }

    /** A user's access token through the password grant of the local realm, as the README shows. */
    static String passwordToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", "web", "username", username, "password", password));
    }

    /**
     * A user's token that signs in again once it is four minutes old: the realm's access tokens live
     * five minutes (every call here ends within a minute), and a suite at full scale runs longer.
     */
    static Supplier<String> signedIn(String username, String password) {
        return fresh(() -> passwordToken(username, password), null);
    }

    /**
     * The same, starting from a token just obtained: a second password sign-in within a second of
     * the first trips the realm's brute-force guard (quick-login check), which then refuses the user.
     */
    static Supplier<String> signedIn(String username, String password, String token) {
        return fresh(() -> passwordToken(username, password), token);
    }

    /** A token from {@code signIn} (or {@code first} to begin with), asked again once it is four minutes old. */
    static Supplier<String> fresh(Supplier<String> signIn, String first) {
        Object lock = new Object();
        String[] token = { first };
        long[] at = { System.nanoTime() };
        return () -> {
            synchronized (lock) {
                if (token[0] == null || System.nanoTime() - at[0] > Duration.ofMinutes(4).toNanos()) {
                    token[0] = signIn.get();
                    at[0] = System.nanoTime();
                }
                return token[0];
            }
        };
    }

    /** The demo partner's access token through the client-credentials grant. */
    static String partnerToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", "partner-demo", "client_secret",
                "partner-demo-secret"));
    }

    static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
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

    private static String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }
}
