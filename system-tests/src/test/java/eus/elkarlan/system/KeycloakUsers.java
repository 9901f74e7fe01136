package eus.elkarlan.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Creates users in the local realm through Keycloak's admin API, as a company signing up would
 * end: a verified e-mail, names, a password and (through the realm's default roles) the role
 * {@code company}; then signs them in with the password grant.
 */
final class KeycloakUsers {

    /** The password of every user created here. */
    static final String PASSWORD = "journey-pass";

    private KeycloakUsers() {
    }

    static String createCompanyUser(String username, String email) {
        String admin = adminToken();
        String user = """
                { "username": "%s", "email": "%s", "emailVerified": true, "enabled": true,
                  "firstName": "Journey", "lastName": "Test",
                  "credentials": [ { "type": "password", "value": "%s", "temporary": false } ] }
                """.formatted(username, email, PASSWORD);
        HttpResponse<String> created = LocalStack.send(HttpRequest.newBuilder(
                URI.create(LocalStack.KEYCLOAK + "/admin/realms/elkarlan/users")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the user: " + created.statusCode() + " " + created.body());
        }
        return LocalStack.passwordToken(username, PASSWORD);
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpResponse<String> response = LocalStack.send(HttpRequest.newBuilder(
                URI.create(LocalStack.KEYCLOAK + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no admin token: " + response.statusCode() + " " + response.body());
        }
        return LocalStack.JSON.readTree(response.body()).get("access_token").asString();
    }
}
