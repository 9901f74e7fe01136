package eus.elkarlan.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Signs JWTs shaped like Keycloak's, with a key whose public half is served as a JWK set on
 * 127.0.0.1, so that a service under test validates them with its real decoder, issuer and
 * audience checks and role mapping. Also makes the bad tokens a security test needs.
 */
public final class TestTokens {

    /** The issuer the services are configured with in tests (the local stack's). */
    public static final String ISSUER = "http://127.0.0.1:8180/realms/elkarlan";
    public static final String AUDIENCE = "elkarlan-api";

    private static volatile TestTokens instance;

    private final RSAKey key;
    private final RSAKey foreignKey;
    private final String jwkSetUri;

    private TestTokens() {
        this.key = rsaKey("test-key");
        this.foreignKey = rsaKey("test-key"); // same kid, other key: a forgery
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
            this.jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot serve the test JWK set", ex);
        }
    }

    public static TestTokens get() {
        TestTokens current = instance;
        if (current == null) {
            synchronized (TestTokens.class) {
                current = instance;
                if (current == null) {
                    current = new TestTokens();
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Where the services under test fetch the public key. */
    public String jwkSetUri() {
        return jwkSetUri;
    }

    /** A valid token for {@code subject} with the given realm roles. */
    public String token(String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles), ISSUER, List.of(AUDIENCE), Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** A valid token of the {@code company} role with a random subject. */
    public String companyToken() {
        return token(UUID.randomUUID().toString(), "company");
    }

    public String expiredToken(String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles), ISSUER, List.of(AUDIENCE), Instant.now().minus(Duration.ofMinutes(5))));
    }

    /** Signed by another key under the same key id. */
    public String forgedToken(String subject, String... roles) {
        return sign(foreignKey, claims(subject, List.of(roles), ISSUER, List.of(AUDIENCE), Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** Signed by the right key but issued by another realm. */
    public String foreignIssuerToken(String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles), "http://127.0.0.1:8180/realms/other", List.of(AUDIENCE),
                Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** Signed by the right key but meant for another audience ({@code account}, Keycloak's default). */
    public String wrongAudienceToken(String subject, String... roles) {
        return sign(key, claims(subject, List.of(roles), ISSUER, List.of("account"), Instant.now().plus(Duration.ofMinutes(5))));
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, String issuer, List<String> audience, Instant expiry) {
        Instant issued = expiry.minus(Duration.ofMinutes(10));
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", "web")
                .claim("preferred_username", "user-" + subject)
                .claim("realm_access", Map.of("roles", roles))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key.toRSAPrivateKey()));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey rsaKey(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid).build();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
