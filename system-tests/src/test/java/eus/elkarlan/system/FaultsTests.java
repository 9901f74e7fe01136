package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import eus.elkarlan.client.ApiClient;
import eus.elkarlan.client.ApiException;
import eus.elkarlan.client.api.CompanyControllerApi;
import eus.elkarlan.client.api.EventControllerApi;
import eus.elkarlan.client.api.FeedControllerApi;
import eus.elkarlan.client.api.MatchControllerApi;
import eus.elkarlan.client.api.WebhookControllerApi;
import eus.elkarlan.client.model.CompanyRequest;
import eus.elkarlan.client.model.ContactRequest;
import eus.elkarlan.client.model.CreateEvent;
import eus.elkarlan.client.model.CreateSubscription;
import eus.elkarlan.client.model.CreatedSubscription;
import eus.elkarlan.client.model.DayBody;
import eus.elkarlan.client.model.DeliveryView;
import eus.elkarlan.client.model.ItemRequest;
import eus.elkarlan.client.model.LegalIdRequest;
import eus.elkarlan.client.model.NewRequest;
import eus.elkarlan.client.model.PagedListNotificationView;
import eus.elkarlan.client.model.Register;
import eus.elkarlan.client.model.SessionBody;
import eus.elkarlan.client.model.Venue;
import tools.jackson.databind.JsonNode;

/**
 * Faults on the running local stack, each asserting that nothing is lost or doubled: a poison
 * message on each topic ends in its dead-letter topic while the flow goes on; the SMTP server
 * unreachable for a minute; the Kafka broker killed and restarted mid-flow; each of the five
 * processes killed (as a crash would) and restarted mid-flow; a partner webhook failing. What a
 * user notices is the mail "Meeting request from …" (each request must bring exactly one), a new
 * company's matches with one "New match" feed entry per partner, and a partner's deliveries, each
 * accepted once. Then scale-out on one
 * machine: second instances of matching-service and notification-service share the partitions of
 * their work; one of each is killed mid-flow and the other takes over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTests {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final Random RANDOM = new Random();
    static final int RECIPIENTS = 17;

    record Company(String name, String email, ApiClient client, String id) {
    }

    static Company requester;
    static final List<Company> recipients = new ArrayList<>();
    static String eventId;

    @BeforeAll
    static void anEventWithARequesterAndItsPartners() throws ApiException {
        requester = company("Fault " + RUN + " Requester", 0);
        for (int i = 1; i <= RECIPIENTS; i++) {
            recipients.add(company("Fault " + RUN + " Partner " + i, i));
        }
        ApiClient organizer = ApiClients.signedIn(LocalStack.passwordToken("demo-organizer", "demo"));
        CreateEvent event = new CreateEvent();
        event.setName("Faults " + RUN);
        Venue venue = new Venue();
        venue.setName("Cité des arts");
        venue.setCity("Baiona");
        event.setVenue(venue);
        event.setTimeZone("Europe/Paris");
        DayBody day = new DayBody();
        day.setDate(LocalDate.of(2027, 9, 20));
        SessionBody session = new SessionBody();
        session.setStart("09:00");
        session.setEnd("13:00");
        day.setSessions(List.of(session));
        event.setDays(List.of(day));
        event.setSlotMinutes(20);
        event.setTables(5);
        event.setRegistrationDeadline(OffsetDateTime.parse("2027-09-10T18:00:00+02:00"));
        eventId = new EventControllerApi(organizer).eventCreate(event).getId();
        List<Company> all = new ArrayList<>(recipients);
        all.add(requester);
        for (Company company : all) {
            Register register = new Register();
            register.setCompanyId(company.id());
            register.setDelegates(1);
            register.setUnavailableSlots(List.of());
            new EventControllerApi(company.client()).eventRegister(eventId, register);
        }
    }

    @Test
    @Order(1)
    void aPoisonMessageOnEachTopicEndsInTheDeadLetterTopicOfEachConsumerAndTheFlowGoesOn() throws Exception {
        Map<String, String> topics = Map.of("elkarlan.companies", "eus.elkarlan.company.updated.v1",
                "elkarlan.matches", "eus.elkarlan.match.suggested.v1",
                "elkarlan.events", "eus.elkarlan.event.meeting-requested.v1");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.KAFKA));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            for (Map.Entry<String, String> topic : topics.entrySet()) {
                // a matching instance's replica group only keeps its copy of the directory: the shared
                // group dead-letters what it cannot read, once for all instances
                Set<String> groups = new HashSet<>(consumersOf(admin, topic.getKey()));
                groups.removeIf(group -> group.startsWith("matching-service-replica-"));
                assertThat(groups).as("services consuming " + topic.getKey()).isNotEmpty();
                String key = "poison-" + RUN + "-" + topic.getKey();
                ProducerRecord<String, byte[]> poison = new ProducerRecord<>(topic.getKey(), key,
                        "{ this is not JSON".getBytes(StandardCharsets.UTF_8));
                poison.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                        .add("ce_type", bytes(topic.getValue())).add("ce_source", bytes("/faults-tests"))
                        .add("ce_time", bytes("2026-11-29T10:00:00Z")).add("ce_subject", bytes(key))
                        .add("content-type", bytes("application/json"));
                producer.send(poison).get(10, TimeUnit.SECONDS);
                if (topic.getKey().equals("elkarlan.companies")) {
                    producer.send(new ProducerRecord<>(topic.getKey(), key, null)).get(10, TimeUnit.SECONDS); // compacted away later
                }
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(deadLetteredBy(topic.getKey() + ".DLT", key)).as(() -> "groups that dead-lettered the poison on "
                                + topic.getKey() + " (messages they still have to read: " + lag(admin, groups) + ")")
                                .containsAll(groups));
            }
        }
        // the flow goes on: a company registered after the poison has its matches
        Company late = company("Fault " + RUN + " Late", RECIPIENTS + 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(new MatchControllerApi(late.client()).matchingMatches(late.id(), 5, false, "en", null).getMatches())
                        .isNotEmpty());
    }

    @Test
    @Order(2)
    void mailsWaitWhileTheSmtpServerIsUnreachableForAMinuteThenArriveOnce() throws Exception {
        stack("kill", "mail");
        try {
            request(recipients.get(0));
            Thread.sleep(60_000); // what the issue asks: a minute without SMTP
        }
        finally {
            stack("start", "mail");
        }
        assertOneRequestMailEach(recipients.subList(0, 1), Duration.ofSeconds(240));
    }

    @Test
    @Order(3)
    void theKafkaBrokerKilledMidFlowLosesAndDoublesNothing() throws Exception {
        request(recipients.get(1));
        stack("kill", "kafka");
        try {
            request(recipients.get(2)); // accepted by event-service: its outbox waits for the broker
            request(recipients.get(3));
        }
        finally {
            stack("start", "kafka");
        }
        assertOneRequestMailEach(recipients.subList(1, 4), Duration.ofSeconds(180));
    }

    @Test
    @Order(4)
    void eventServiceKilledRightAfterAcceptingRequestsResumesFromItsOutbox() throws Exception {
        request(recipients.get(4));
        request(recipients.get(5));
        stack("kill", "event-service");
        stack("start", "event-service");
        assertOneRequestMailEach(recipients.subList(4, 6), Duration.ofSeconds(180));
    }

    @Test
    @Order(5)
    void notificationServiceKilledMidFlowResumesWithoutSendingTwice() throws Exception {
        for (Company recipient : recipients.subList(6, 9)) {
            request(recipient);
        }
        // kill it while it works through them: as soon as the first of these mails is out
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                recipients.subList(6, 9).stream().anyMatch(r -> requestMails(r) > 0));
        stack("kill", "notification-service");
        stack("start", "notification-service");
        assertOneRequestMailEach(recipients.subList(6, 9), Duration.ofSeconds(180));
    }

    @Test
    @Order(6)
    void companyServiceKilledRightAfterRegistrationsResumesFromItsOutboxAndRefusesCleanlyWhileDown() throws Exception {
        List<Company> registered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            registered.add(company("Fault " + RUN + " Outbox " + i, 30 + i));
        }
        stack("kill", "company-service"); // the outbox may still hold their company.registered messages
        String username = "fault-" + RUN + "-33";
        String email = username + "@elkarlan.test";
        ApiClient client = ApiClients.signedIn(LocalStack.signedIn(username, KeycloakUsers.PASSWORD,
                KeycloakUsers.createCompanyUser(username, email)));
        CompanyRequest registration = registration("Fault " + RUN + " Outbox 3", 33, email);
        try {
            ApiException refused = catchThrowableOfType(ApiException.class,
                    () -> new CompanyControllerApi(client).companyRegister(registration));
            assertThat(refused.getCode()).as("a registration while company-service is down").isEqualTo(503);
            assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        finally {
            stack("start", "company-service");
        }
        // the refused registration stored nothing: the user has no company until it is sent again
        ApiException none = catchThrowableOfType(ApiException.class, () -> new CompanyControllerApi(client).companyMe());
        assertThat(none.getCode()).isEqualTo(404);
        AtomicReference<String> id = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                answered(() -> id.set(new CompanyControllerApi(client).companyRegister(registration).getId())));
        registered.add(new Company(registration.getLegalName(), email, client, id.get()));
        for (Company company : registered) {
            assertMatchedAndToldOnce(company);
        }
    }

    @Test
    @Order(7)
    void matchingServiceKilledMidFlowResumesFromItsOffsets() throws Exception {
        Company first = company("Fault " + RUN + " Matched 0", 40);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(matches(first)).as("matching-service at work").isPositive());
        Company second = company("Fault " + RUN + " Matched 1", 41); // in flight when it dies
        stack("kill", "matching-service");
        Company third;
        try {
            third = company("Fault " + RUN + " Matched 2", 42); // waits in elkarlan.companies
            ApiException refused = catchThrowableOfType(ApiException.class, () -> matches(third));
            assertThat(refused.getCode()).as("match list while matching-service is down").isEqualTo(503);
        }
        finally {
            stack("start", "matching-service");
        }
        for (Company company : List.of(first, second, third)) {
            assertMatchedAndToldOnce(company);
        }
    }

    @Test
    @Order(8)
    void theGatewayKilledMidFlowLosesNothingAndARequestSentAgainCountsOnce() throws Exception {
        List<Company> to = recipients.subList(13, 17);
        CountDownLatch firstAnswered = new CountDownLatch(1);
        ExecutorService partner = Executors.newSingleThreadExecutor();
        try {
            // a client sends its requests one after the other; a request without an answer (the gateway
            // is gone) is sent again with the same Idempotency-Key, and so is every answered one, as if
            // its answer had been lost on the way back: the same request comes back, never a second one
            Future<List<String>> answers = partner.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (Company recipient : to) {
                    String key = "faults-" + RUN + "-" + recipient.id();
                    String id = requestUntilAnswered(recipient, key);
                    assertThat(requestUntilAnswered(recipient, key)).as("the same request sent again").isEqualTo(id);
                    ids.add(id);
                    firstAnswered.countDown();
                }
                return ids;
            });
            assertThat(firstAnswered.await(60, TimeUnit.SECONDS)).isTrue();
            stack("kill", "gateway");
            stack("start", "gateway");
            assertThat(answers.get(4, TimeUnit.MINUTES)).doesNotHaveDuplicates().hasSize(to.size());
        }
        finally {
            partner.shutdownNow();
        }
        assertOneRequestMailEach(to, Duration.ofSeconds(180));
    }

    @Test
    @Order(9)
    void aFailingPartnerWebhookGetsEachDeliveryOnceItAnswersAgainEvenAcrossARestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(Duration.ofSeconds(20))) {
            ApiClient partner = ApiClients.signedIn(LocalStack.fresh(LocalStack::partnerToken, null));
            WebhookControllerApi webhooks = new WebhookControllerApi(partner);
            CreateSubscription subscription = new CreateSubscription();
            subscription.setUrl(receiver.url());
            subscription.setTypes(List.of("eus.elkarlan.company.registered.v1"));
            subscription.setDescription("Faults " + RUN);
            CreatedSubscription created = webhooks.notificationCreate(subscription, "faults-" + RUN);
            receiver.secret(created.getSecret());
            try {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    CompanyRequest registration = registration("Fault " + RUN + " Public " + i, 50 + i, "public-" + RUN
                            + "-" + i + "@elkarlan.test");
                    registration.setPublicProfile(true);
                    String username = "fault-" + RUN + "-" + (50 + i);
                    ApiClient client = ApiClients.signedIn(KeycloakUsers.createCompanyUser(username,
                            registration.getContact().getEmail()));
                    ids.add(new CompanyControllerApi(client).companyRegister(registration).getId());
                }
                // the receiver refuses the first pass; once that failure is recorded, notification-service
                // dies with the deliveries pending (killed in the middle of a pass, it would not be recorded)
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                        webhooks.notificationDeliveries(created.getId(), "PENDING", 0, 100).getItems().stream()
                                .anyMatch(FaultsTests::failedBefore));
                assertThat(receiver.refused()).isPositive();
                stack("kill", "notification-service");
                stack("start", "notification-service");
                Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(receiver.companiesDelivered()).containsAll(ids));
                assertThat(receiver.badSignatures()).as("calls whose signature did not verify").isZero();
                assertThat(receiver.deliveriesAcceptedTwice()).as("deliveries accepted more than once").isEmpty();
                for (String id : ids) {
                    assertThat(receiver.deliveryIdsOf(id)).as("deliveries of " + id).hasSize(1);
                }
                // the partner sees in the API what its endpoint went through
                List<DeliveryView> delivered = webhooks.notificationDeliveries(created.getId(), "DELIVERED", 0, 100).getItems();
                assertThat(delivered).filteredOn(FaultsTests::failedBefore).as("deliveries that failed before they arrived")
                        .isNotEmpty();
                assertThat(webhooks.notificationWebhookGet(created.getId()).getConsecutiveFailures()).isZero();
            }
            finally {
                webhooks.notificationDelete(created.getId());
            }
        }
    }

    @Test
    @Order(10)
    void secondInstancesShareThePartitionsAndTheSurvivorTakesOverWhenOneIsKilled() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.KAFKA))) {
            // a service runs a consumer per listener: count the consumers that hold partitions
            long notificationAlone = membersWithPartitions(admin, "notification-service");
            long matchingAlone = membersWithPartitions(admin, "matching-companies");
            stack("start", "notification-service-2");
            stack("start", "matching-service-2");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(membersWithPartitions(admin, "notification-service")).as("notification consumers at work")
                        .isGreaterThan(notificationAlone);
                assertThat(membersWithPartitions(admin, "matching-companies")).as("matching consumers at work")
                        .isGreaterThan(matchingAlone);
            });
            for (Company recipient : recipients.subList(9, 13)) {
                request(recipient);
            }
            Company before = company("Fault " + RUN + " Scaled 1", RECIPIENTS + 2);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    recipients.subList(9, 13).stream().anyMatch(r -> requestMails(r) > 0));
            stack("kill", "notification-service-2");
            stack("kill", "matching-service-2");
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(membersWithPartitions(admin, "notification-service")).isEqualTo(notificationAlone);
                assertThat(membersWithPartitions(admin, "matching-companies")).isEqualTo(matchingAlone);
            });
            Company after = company("Fault " + RUN + " Scaled 2", RECIPIENTS + 3);
            assertOneRequestMailEach(recipients.subList(9, 13), Duration.ofSeconds(180));
            for (Company company : List.of(before, after)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(new MatchControllerApi(company.client()).matchingMatches(company.id(), 5, false, "en", null)
                                .getMatches()).as("matches of " + company.name()).isNotEmpty());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void request(Company to) throws ApiException {
        NewRequest request = new NewRequest();
        request.setFromCompanyId(requester.id());
        request.setToCompanyId(to.id());
        request.setMessage("Shall we meet? " + RUN);
        request.setSession(NewRequest.SessionEnum.ANY);
        new EventControllerApi(requester.client()).eventRequest(eventId, request);
    }

    private static boolean failedBefore(DeliveryView delivery) {
        return delivery.getLog() != null && delivery.getLog().stream().anyMatch(a -> "HTTP_ERROR".equals(a.getOutcome()));
    }

    /** Sends a meeting request until the gateway answers; returns the request's id. */
    private static String requestUntilAnswered(Company to, String key) {
        NewRequest request = new NewRequest();
        request.setFromCompanyId(requester.id());
        request.setToCompanyId(to.id());
        request.setMessage("Shall we meet? " + RUN);
        request.setSession(NewRequest.SessionEnum.ANY);
        AtomicReference<String> id = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> answered(() ->
                id.set(new EventControllerApi(requester.client()).eventRequest(eventId, request, Map.of("Idempotency-Key", key))
                        .getId())));
        return id.get();
    }

    interface Call {
        void run() throws ApiException;
    }

    /** True once the call went through; false when nothing answered it or the gateway answered for a service that is down. */
    private static boolean answered(Call call) throws ApiException {
        try {
            call.run();
            return true;
        }
        catch (ApiException ex) {
            if (ex.getCode() == 0 || ex.getCode() == 502 || ex.getCode() == 503 || ex.getCode() == 504) {
                return false;
            }
            throw ex;
        }
    }

    private static int matches(Company company) throws ApiException {
        return new MatchControllerApi(company.client()).matchingMatches(company.id(), 5, false, "en", null).getMatches().size();
    }

    /**
     * Its matches are listed and its feed says "New match" once per partner of this run, never twice
     * (this run's names are unique; a stack kept from earlier runs holds older companies of the same names).
     */
    private static void assertMatchedAndToldOnce(Company company) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(matches(company)).as("matches of " + company.name()).isPositive());
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(matchesInFeed(company)).as("partners in the feed of " + company.name()).isNotEmpty());
        // entries are never taken back: a second one for a partner, if any, comes with the first or soon after
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(matchesInFeed(company)).as("partners in the feed of " + company.name()).doesNotHaveDuplicates());
    }

    /** The partners of this run named by the "New match: {partner} ({score}%)" entries of the company's feed. */
    private static List<String> matchesInFeed(Company company) throws ApiException {
        List<String> partners = new ArrayList<>();
        PagedListNotificationView page;
        int number = 0;
        do {
            page = new FeedControllerApi(company.client()).notificationFeedList(number++, 100, false, "en", null);
            page.getItems().stream()
                    .filter(item -> item.getKind() != null && "MATCH_SUGGESTED".equals(item.getKind().getValue()))
                    .map(item -> item.getText().substring("New match: ".length(), item.getText().lastIndexOf(" (")))
                    .filter(partner -> partner.startsWith("Fault " + RUN + " "))
                    .forEach(partners::add);
        }
        while (number < page.getTotalPages());
        return partners;
    }

    private static void assertOneRequestMailEach(List<Company> to, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (Company recipient : to) {
                assertThat(requestMails(recipient)).as("request mails to " + recipient.name()).isPositive();
            }
        });
        // and it stays one: a second copy would come from the same relay pass or the next ones
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (Company recipient : to) {
                        assertThat(requestMails(recipient)).as("request mails to " + recipient.name()).isEqualTo(1);
                    }
                });
    }

    private static int requestMails(Company recipient) {
        String subject = "Meeting request from " + requester.name();
        int count = 0;
        for (JsonNode mail : LocalStack.JSON.readTree(LocalStack.get(LocalStack.MAIL + "/messages.json", null).body())) {
            if (mail.path("to").asString().contains(recipient.email()) && subject.equals(mail.path("subject").asString())) {
                count++;
            }
        }
        return count;
    }

    private static void stack(String command, String part) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("elkarlan.home"));
        Process process = new ProcessBuilder("bash", home.resolve("elkarlan").toString(), command, part)
                .directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("./elkarlan %s %s: %s", command, part, output).isZero();
    }

    private static Company company(String name, int i) throws ApiException {
        String username = "fault-" + RUN + "-" + i;
        String email = username + "@elkarlan.test";
        ApiClient client = ApiClients.signedIn(LocalStack.signedIn(username, KeycloakUsers.PASSWORD,
                KeycloakUsers.createCompanyUser(username, email)));
        return new Company(name, email, client, new CompanyControllerApi(client).companyRegister(registration(name, i, email))
                .getId());
    }

    private static CompanyRequest registration(String name, int i, String email) {
        boolean north = i % 2 == 0;
        CompanyRequest request = new CompanyRequest();
        request.setLegalName(name);
        LegalIdRequest legalId = new LegalIdRequest();
        legalId.setScheme(north ? "FR_SIREN" : "ES_NIF");
        legalId.setValue(north ? LegalIds.siren(RANDOM) : LegalIds.cif(RANDOM));
        request.setLegalId(legalId);
        request.setTerritory(north ? "LAPURDI" : "BIZKAIA");
        request.setCity(north ? "Baiona" : "Bilbo");
        request.setPostalCode(north ? "64100" : "48001");
        request.setSizeBand("MICRO");
        request.setNaceCode("62.01");
        request.setLanguages(List.of("en"));
        ItemRequest offer = new ItemRequest();
        offer.setTitle(north ? "Cloud migration" : "Cybersecurity audit");
        offer.setLang("en");
        ItemRequest need = new ItemRequest();
        need.setTitle(north ? "Cybersecurity audit" : "Cloud migration");
        need.setLang("en");
        request.setOffers(List.of(offer));
        request.setNeeds(List.of(need));
        request.setPublicProfile(false);
        ContactRequest contact = new ContactRequest();
        contact.setEmail(email);
        request.setContact(contact);
        return request;
    }

    private static Set<String> consumersOf(Admin admin, String topic) throws Exception {
        List<String> ids = new ArrayList<>();
        for (GroupListing listing : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)) {
            ids.add(listing.groupId());
        }
        Set<String> groups = new HashSet<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS).values()) {
            group.members().forEach(member -> member.assignment().topicPartitions().forEach(tp -> {
                if (tp.topic().equals(topic)) {
                    groups.add(group.groupId());
                }
            }));
        }
        return groups;
    }

    /** Per group, the messages published and not yet committed by it. */
    private static Map<String, Long> lag(Admin admin, Set<String> groups) {
        Map<String, Long> lag = new TreeMap<>();
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                lag.put(group, committed.entrySet().stream().filter(e -> e.getValue() != null)
                        .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset()).sum());
            }
        }
        catch (Exception ex) {
            lag.put("(unknown: " + ex + ")", -1L);
        }
        return lag;
    }

    private static long membersWithPartitions(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members().stream()
                .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
    }

    /** The consumer groups whose dead letters on {@code dlt} carry the given key. */
    private static Set<String> deadLetteredBy(String dlt, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Set<String> groups = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlt).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        Header group = record.headers().lastHeader("kafka_dlt-original-consumer-group");
                        groups.add(group == null ? "(unnamed)" : new String(group.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return groups;
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
