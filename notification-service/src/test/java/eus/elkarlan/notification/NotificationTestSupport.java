package eus.elkarlan.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import eus.elkarlan.contracts.ElkarlanMessage;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.company.CompanyRegistered;
import eus.elkarlan.contracts.company.CompanySnapshot;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * One application context for every test class of the module (same configuration, so Spring
 * caches one: one consumer group member, one relay), a GreenMail SMTP server and a WireMock
 * partner endpoint shared by the JVM. Each test uses its own companies and addresses.
 */
@PlatformTest(properties = {
        "elkarlan.notification.mail.relay-interval-ms=200",
        "elkarlan.notification.mail.initial-backoff=PT0.2S",
        "elkarlan.notification.mail.max-backoff=PT0.5S",
        "elkarlan.notification.mail.lease=PT5S",
        "elkarlan.notification.digest.interval-ms=300",
        "elkarlan.notification.digest.window=PT1H",
        "elkarlan.notification.reminders.interval-ms=300",
        "elkarlan.notification.nudge.after=PT2S",
        "elkarlan.notification.nudge.interval-ms=300",
        "elkarlan.notification.webhooks.relay-interval-ms=200",
        "elkarlan.notification.webhooks.timeout=PT0.5S",
        "elkarlan.notification.webhooks.retry-attempts=2",
        "elkarlan.notification.webhooks.retry-initial-interval=PT0.1S",
        "elkarlan.notification.webhooks.max-delivery-attempts=3",
        "elkarlan.notification.webhooks.redelivery-initial-backoff=PT0.2S",
        "elkarlan.notification.webhooks.redelivery-max-backoff=PT0.5S",
        "elkarlan.notification.webhooks.pause-after-failures=4",
        "elkarlan.notification.webhooks.allow-private-addresses=true",
        "elkarlan.notification.webhooks.circuit.slow-call-duration=PT0.3S",
        "elkarlan.notification.webhooks.circuit.sliding-window-size=4",
        "elkarlan.notification.webhooks.circuit.minimum-calls=2",
        "elkarlan.notification.webhooks.circuit.wait-in-open=PT1S",
        "elkarlan.notification.consumer.retry-interval-ms=100",
        "elkarlan.notification.consumer.retry-attempts=2" })
public abstract class NotificationTestSupport {

    protected static final int SMTP_PORT = freePort();
    protected static final GreenMail MAIL = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    protected static final WireMockServer PARTNER = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort().containerThreads(20));

    static {
        MAIL.start();
        PARTNER.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @Autowired
    protected MongoTemplate mongo;

    protected RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    protected static String bearer(String subject, String... roles) {
        return "Bearer " + TestTokens.get().token(subject, roles);
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Sends a message as its producer would (record key = ce_subject) and waits for the broker's ack. */
    protected Envelope publish(ElkarlanMessage message) {
        Envelope envelope = Envelope.of("/test", message);
        publish(envelope);
        return envelope;
    }

    protected void publish(Envelope envelope) {
        try {
            kafka.send(envelope.topic(), envelope.subject(), envelope).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A company with a contact address, working languages in order, public or not. */
    protected static CompanySnapshot company(String companyId, String owner, String legalName, String email,
            boolean publicProfile, String... languages) {
        return new CompanySnapshot(companyId, owner, legalName, new CompanySnapshot.LegalId("ES_NIF", "B20123451"),
                "GIPUZKOA", "HEGOALDE", "ES", "Donostia", "20018", "https://example.org", "SMALL", "62.02",
                List.of(languages), Map.of("en", "We build things"),
                List.of(new CompanySnapshot.Item("o1", "Cybersecurity audit", null, "en", List.of("cybersecurity.audit"),
                        List.of("SUPPLIER"))), List.of(), Boolean.TRUE, publicProfile,
                new CompanySnapshot.Contact("Miren Etxeberria", email, "+34 600 000 000"), 1, Instant.now());
    }

    /** Registers a company and waits until this service knows its contact. */
    protected TestCompany registered(String legalName, String... languages) {
        String id = newId();
        String owner = newId();
        String email = "c-" + id.substring(0, 8) + "@example.org";
        publish(new CompanyRegistered(company(id, owner, legalName, email, true, languages)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> mongo.findById(id, org.bson.Document.class, "contacts") != null);
        return new TestCompany(id, owner, email, legalName);
    }

    protected record TestCompany(String id, String owner, String email, String name) {
    }

    /**
     * The mails GreenMail received for an address, nudges left out: a request left unanswered for two
     * seconds (the tests' setting) is nudged, so a slow run would see them after any request.
     */
    protected static List<MimeMessage> mailsTo(String address) {
        return received(address).stream().filter(m -> !isNudge(m)).toList();
    }

    /** The nudges ("still unanswered") GreenMail received for an address. */
    protected static List<MimeMessage> nudgesTo(String address) {
        return received(address).stream().filter(NotificationTestSupport::isNudge).toList();
    }

    private static List<MimeMessage> received(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(address));
            }
            catch (Exception ex) {
                return false;
            }
        }).toList();
    }

    private static boolean isNudge(MimeMessage mail) {
        try {
            String[] kind = mail.getHeader("X-Elkarlan-Notification");
            return kind != null && kind.length > 0 && "REQUEST_NUDGE".equals(kind[0]);
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Every leaf part of a mail: content type → text. */
    protected static List<Map.Entry<String, String>> parts(Part part) throws Exception {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                out.addAll(parts(child));
            }
        }
        else if (content instanceof String text) {
            out.add(Map.entry(part.getContentType().toLowerCase(), text));
        }
        else if (content instanceof InputStream in) {
            out.add(Map.entry(part.getContentType().toLowerCase(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    protected static String part(MimeMessage message, String contentType) throws Exception {
        return parts(message).stream().filter(e -> e.getKey().startsWith(contentType)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + contentType + " part"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
