package eus.elkarlan.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A partner's webhook endpoint in the test JVM, as the README tells partners to write one: it
 * verifies the signature over the exact body, dedupes on {@code Elkarlan-Webhook-Id} and answers
 * 200. For its first {@code failing} period it answers 503 to every call, as an endpoint that is
 * down would.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final long failingUntil;
    private volatile String secret;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    /** delivery id → times it was accepted (200) */
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    /** company id → the delivery ids that carried it */
    private final Map<String, Set<String>> companies = new ConcurrentHashMap<>();

    private WebhookReceiver(Duration failing) throws IOException {
        this.failingUntil = System.nanoTime() + failing.toNanos();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    static WebhookReceiver failingFirst(Duration failing) throws IOException {
        return new WebhookReceiver(failing);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    int refused() {
        return refused.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    Set<String> companiesDelivered() {
        return companies.keySet();
    }

    Set<String> deliveryIdsOf(String companyId) {
        return companies.getOrDefault(companyId, Set.of());
    }

    List<String> deliveriesAcceptedTwice() {
        return accepted.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        if (System.nanoTime() < failingUntil || secret == null) {
            refused.incrementAndGet();
            status = 503;
        }
        else if (!verified(exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Timestamp"),
                exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Signature"), body)) {
            badSignatures.incrementAndGet();
            status = 401;
        }
        else {
            String delivery = exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Id");
            boolean first = accepted.computeIfAbsent(delivery, id -> new AtomicInteger()).incrementAndGet() == 1;
            JsonNode data = LocalStack.JSON.readTree(body).path("data");
            if (first && data.has("companyId")) {
                companies.computeIfAbsent(data.get("companyId").asString(), id -> new CopyOnWriteArraySet<>()).add(delivery);
            }
            status = 200;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean verified(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("v1=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
