package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/** The local stack as a user meets it: every part healthy, tokens as the README says, the API behind the gateway. */
class LocalStackTests {

    @ParameterizedTest
    @ValueSource(ints = { 8080, 8081, 8082, 8083, 8084 })
    void everyServiceIsHealthyAndExposesPrometheusMetrics(int port) {
        HttpResponse<String> health = LocalStack.get("http://127.0.0.1:" + port + "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(LocalStack.JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        HttpResponse<String> metrics = LocalStack.get("http://127.0.0.1:" + port + "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void demoCompanyGetsATokenForTheApiWithItsRole() {
        JsonNode claims = LocalStack.claims(LocalStack.passwordToken("demo-company", "demo"));
        assertThat(claims.get("iss").asString()).isEqualTo(LocalStack.ISSUER);
        assertThat(audiences(claims)).contains("elkarlan-api");
        assertThat(roles(claims)).contains("company").doesNotContain("organizer", "admin", "partner");
        assertThat(claims.get("sub").asString()).isEqualTo("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01");
    }

    @Test
    void demoOrganizerAndPartnerGetTheirRolesOnly() {
        assertThat(roles(LocalStack.claims(LocalStack.passwordToken("demo-organizer", "demo"))))
                .contains("organizer").doesNotContain("company");
        JsonNode partner = LocalStack.claims(LocalStack.partnerToken());
        assertThat(roles(partner)).contains("partner").doesNotContain("company");
        assertThat(audiences(partner)).contains("elkarlan-api");
    }

    @Test
    void gatewayRefusesAMissingTokenWithProblemDetailsAndAcceptsAKeycloakToken() {
        HttpResponse<String> anonymous = LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        String token = LocalStack.passwordToken("demo-company", "demo");
        HttpResponse<String> signedIn = LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/me", token);
        // the gateway and company-service both validated the token: whatever the answer, not 401 or 403
        assertThat(signedIn.statusCode()).isNotIn(401, 403, 500, 502, 503);
    }

    @Test
    void mailCatcherShowsAMailSentToItsSmtpServer() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", "3025");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        String subject = "Kaixo " + System.nanoTime();
        message.setFrom(new InternetAddress("noreply@elkarlan.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("amaia@itsaso.example"));
        message.setSubject(subject, "UTF-8");
        message.setText("Ongi etorri Elkarlanera!", "UTF-8");
        Transport.send(message);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> mails = LocalStack.get(LocalStack.MAIL + "/messages.json", null);
            assertThat(mails.body()).contains(subject).contains("amaia@itsaso.example");
        });
        assertThat(LocalStack.get(LocalStack.MAIL + "/", null).body()).contains(subject);
    }

    @Test
    void brokerHoldsThePlatformTopicsCreatedByTheServices() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA))) {
            var topics = admin.describeTopics(List.of("elkarlan.companies", "elkarlan.matches", "elkarlan.events",
                    "elkarlan.companies.DLT")).allTopicNames().get();
            assertThat(topics).hasSize(4);
            assertThat(topics.get("elkarlan.companies").partitions()).hasSize(6);
        }
    }

    @Test
    void storeAnswersAndKeepsWhatIsWritten() {
        try (MongoClient client = MongoClients.create(LocalStack.MONGODB)) {
            var collection = client.getDatabase("system-tests").getCollection("check");
            String id = "check-" + System.nanoTime();
            collection.insertOne(new Document("_id", id).append("herria", "Baiona"));
            assertThat(collection.find(new Document("_id", id)).first()).containsEntry("herria", "Baiona");
            collection.deleteOne(new Document("_id", id));
        }
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asString()));
        return roles;
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> audiences.add(a.asString()));
        }
        else {
            audiences.add(aud.asString());
        }
        return audiences;
    }
}
