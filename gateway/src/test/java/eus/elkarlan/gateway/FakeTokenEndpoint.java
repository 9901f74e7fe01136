package eus.elkarlan.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import eus.elkarlan.testsupport.TestTokens;

/**
 * The back channel of the realm for a browser-login test: the token endpoint (answering any code
 * with the next tokens set by the test) and the keys of the ID tokens. The browser side (the login
 * form) is skipped: the test comes back to the gateway's redirect URI itself.
 */
final class FakeTokenEndpoint {

    private final HttpServer server;
    private final RSAKey idTokenKey;
    private volatile String nextResponse = "{}";

    FakeTokenEndpoint() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            idTokenKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID("id-token-key").build();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(idTokenKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/realm/protocol/openid-connect/certs", exchange -> reply(exchange, jwks));
            server.createContext("/realm/protocol/openid-connect/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                reply(exchange, nextResponse.getBytes(StandardCharsets.UTF_8));
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "fake-token-endpoint");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The realm's URL for the gateway's back channel. */
    String realmUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
    }

    /** The next code exchange returns an ID token for {@code subject} and an access token with the roles. */
    void nextLogin(String subject, String username, String nonce, String... roles) {
        try {
            JWTClaimsSet idClaims = new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).subject(subject).audience("web")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .claim("nonce", nonce).claim("azp", "web").claim("preferred_username", username)
                    .claim("name", "Amaia Etxeberria").claim("email", username + "@elkarlan.local")
                    .claim("sid", UUID.randomUUID().toString()).build();
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idTokenKey.getKeyID()).build(),
                    idClaims);
            idToken.sign(new RSASSASigner(idTokenKey.toRSAPrivateKey()));
            String accessToken = TestTokens.get().token(subject, roles);
            nextResponse = "{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken.serialize()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"r-" + UUID.randomUUID()
                    + "\",\"scope\":\"openid profile email\"}";
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // no keep-alive: every call of the gateway opens a fresh connection (no stale pooled one)
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
