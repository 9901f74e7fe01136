import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint for watching deliveries on the local stack: verifies each
 * signature, rejects timestamps older than 5 minutes (replays), prints what arrives.
 *
 * <pre>
 * java notification-service/tools/WebhookReceiver.java 9099 whsec_...   # the secret of the subscription
 * </pre>
 * Answers 200 for a genuine delivery, 401 otherwise. Needs nothing but a JDK 17.
 */
public class WebhookReceiver {

    private static final long TOLERANCE_SECONDS = 300;

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9099;
        String secret = args.length > 1 ? args[1] : null;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> handle(exchange, secret));
        server.start();
        System.out.println("Receiving webhooks on http://127.0.0.1:" + port + "/"
                + (secret == null ? " (no secret given: signatures not checked)" : ""));
    }

    private static void handle(HttpExchange exchange, String secret) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Id");
        String type = exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Type");
        String timestamp = exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("Elkarlan-Webhook-Signature");
        String verdict = "unchecked";
        int status = 200;
        if (secret != null) {
            verdict = verify(secret, timestamp, signature, body);
            status = "valid".equals(verdict) ? 200 : 401;
        }
        System.out.printf("%s %s %s signature=%s%n  %s%n", Instant.now(), id, type, verdict,
                new String(body, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String verify(String secret, String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("v1=")) {
            return "missing";
        }
        long age;
        try {
            age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        }
        catch (NumberFormatException ex) {
            return "bad timestamp";
        }
        if (age > TOLERANCE_SECONDS) {
            return "too old (replay?)";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII))
                    ? "valid" : "INVALID";
        }
        catch (Exception ex) {
            return "error " + ex.getMessage();
        }
    }
}
