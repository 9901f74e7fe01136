package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;

/**
 * One event played through the gateway with real Keycloak tokens, as its users would: companies
 * from both sides of the border sign up and register in several languages, see their explained
 * cross-border matches, an organizer creates an event, the companies register, request and accept
 * meetings, the schedule is computed, checked independently and published, and each participant
 * gets its agenda and its mails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformJourneyTests {

    private static final Random RANDOM = new Random();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    /** A company of the journey: who owns it, its token, its id once registered. */
    record Company(String username, String token, String email, String territory, String postalCode, String city,
            boolean iparralde, String offer, String offerLang, String need, String needLang, String[] id) {
    }

    private static final List<Company> companies = new ArrayList<>();
    private static final AtomicReference<String> eventId = new AtomicReference<>();
    private static final Map<String, Integer> acceptedPerCompany = new HashMap<>();
    private static int accepted;

    @Test
    @Order(1)
    void companiesFromBothSidesSignUpAndRegisterInTheirLanguages() {
        String[][] iparralde = {
                { "Développement web et applications mobiles", "fr", "Audit de cybersécurité", "fr" },
                { "Web garapena eta aplikazio mugikorrak", "eu", "Zibersegurtasun auditoria", "eu" },
                { "Migration vers le cloud", "fr", "Cherche un distributeur en Espagne", "fr" },
                { "Online shop on Prestashop", "en", "Security audit", "en" } };
        String[][] hegoalde = {
                { "Zibersegurtasun auditoria", "eu", "Banatzailea Frantzian", "eu" },
                { "Auditoría de ciberseguridad", "es", "Desarrollo web y aplicaciones móviles", "es" },
                { "Security audit", "en", "Développement web et applications mobiles", "fr" },
                { "Migración a la nube", "es", "Tienda online con Prestashop", "es" } };
        for (int i = 0; i < iparralde.length; i++) {
            companies.add(company("ipar-" + i, true, iparralde[i]));
            companies.add(company("hego-" + i, false, hegoalde[i]));
        }
        for (Company company : companies) {
            HttpResponse<String> response = LocalStack.send(json(HttpRequest.newBuilder(
                    URI.create(LocalStack.GATEWAY + "/api/v1/companies")), company.token())
                    .POST(HttpRequest.BodyPublishers.ofString(registration(company))).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode body = LocalStack.JSON.readTree(response.body());
            company.id()[0] = body.get("id").asString();
            assertThat(body.get("region").asString()).isEqualTo(company.iparralde() ? "IPARRALDE" : "HEGOALDE");
            assertThat(body.path("offers").get(0).path("concepts").size()).as("derived concepts").isPositive();
        }
    }

    @Test
    @Order(2)
    void eachCompanySeesExplainedCrossBorderMatchesWithinSeconds() {
        Company agency = companies.get(0); // Bayonne web developers needing a security audit, in French
        Company auditors = companies.get(1); // Donostia auditors offering it in Basque
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> response = LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/" + agency.id()[0]
                    + "/matches?limit=100&crossBorderOnly=true&lang=fr", agency.token());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode matches = LocalStack.JSON.readTree(response.body()).get("matches");
            JsonNode match = null;
            for (JsonNode m : matches) {
                if (m.get("companyId").asString().equals(auditors.id()[0])) {
                    match = m;
                }
            }
            assertThat(match).as("the Basque-language auditors among the Bayonne agency's matches").isNotNull();
            assertThat(match.get("crossBorder").asBoolean()).isTrue();
            assertThat(match.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(match.get("reasons").size()).isPositive();
            assertThat(match.get("reasons").get(0).get("text").asString()).isNotBlank();
        });
        HttpResponse<String> other = LocalStack.get(LocalStack.GATEWAY + "/api/v1/companies/" + agency.id()[0]
                + "/matches", auditors.token());
        assertThat(other.statusCode()).as("another company's matches").isIn(403, 404);
    }

    @Test
    @Order(3)
    void organizerCreatesAnEventAndTheCompaniesRegister() {
        String organizer = LocalStack.passwordToken("demo-organizer", "demo");
        String event = """
                { "name": "Euskal Digital Tech Summit %s", "venue": { "name": "Kursaal", "city": "Donostia" },
                  "timeZone": "Europe/Madrid",
                  "days": [ { "date": "2027-06-10", "sessions": [ { "start": "09:00", "end": "12:00" },
                                                                 { "start": "14:00", "end": "16:00" } ] } ],
                  "slotMinutes": 30, "tables": 3, "registrationDeadline": "2027-06-01T18:00:00+02:00" }
                """.formatted(RUN);
        HttpResponse<String> created = LocalStack.send(json(HttpRequest.newBuilder(
                URI.create(LocalStack.GATEWAY + "/api/v1/events")), organizer)
                .POST(HttpRequest.BodyPublishers.ofString(event)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = LocalStack.JSON.readTree(created.body());
        eventId.set(body.get("id").asString());
        assertThat(body.get("slots").size()).isEqualTo(10); // 6 in the morning, 4 in the afternoon

        HttpResponse<String> forbidden = LocalStack.send(json(HttpRequest.newBuilder(
                URI.create(LocalStack.GATEWAY + "/api/v1/events")), companies.get(0).token())
                .POST(HttpRequest.BodyPublishers.ofString(event)).build());
        assertThat(forbidden.statusCode()).as("a company creating an event").isEqualTo(403);

        for (Company company : companies) {
            HttpResponse<String> registered = post("/api/v1/events/" + eventId.get() + "/participants", company.token(),
                    "{ \"companyId\": \"" + company.id()[0] + "\", \"unavailableSlots\": [], \"delegates\": 1 }");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }
    }

    @Test
    @Order(4)
    void companiesRequestMeetingsAndOnlyTheInvitedOnesAnswer() {
        List<Company> north = companies.stream().filter(Company::iparralde).toList();
        List<Company> south = companies.stream().filter(c -> !c.iparralde()).toList();
        int declined = 0;
        for (Company from : north) {
            for (Company to : south) {
                HttpResponse<String> requested = post("/api/v1/events/" + eventId.get() + "/meeting-requests",
                        from.token(), "{ \"fromCompanyId\": \"" + from.id()[0] + "\", \"toCompanyId\": \"" + to.id()[0]
                                + "\", \"message\": \"Kaixo!\", \"session\": \"ANY\" }");
                assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
                String requestId = LocalStack.JSON.readTree(requested.body()).get("id").asString();

                HttpResponse<String> byRequester = post("/api/v1/events/" + eventId.get() + "/meeting-requests/"
                        + requestId + "/accept", from.token(), "");
                assertThat(byRequester.statusCode()).as("the requester accepting its own request").isEqualTo(403);

                boolean decline = (north.indexOf(from) + south.indexOf(to)) % 5 == 4;
                HttpResponse<String> answer = post("/api/v1/events/" + eventId.get() + "/meeting-requests/" + requestId
                        + (decline ? "/decline" : "/accept"), to.token(), "");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                if (decline) {
                    declined++;
                }
                else {
                    accepted++;
                    acceptedPerCompany.merge(from.id()[0], 1, Integer::sum);
                    acceptedPerCompany.merge(to.id()[0], 1, Integer::sum);
                    assertThat(LocalStack.JSON.readTree(answer.body()).get("meetingId").asString()).isNotBlank();
                }
            }
        }
        assertThat(accepted).isEqualTo(16 - declined);
        HttpResponse<String> twice = post("/api/v1/events/" + eventId.get() + "/meeting-requests", south.get(0).token(),
                "{ \"fromCompanyId\": \"" + south.get(0).id()[0] + "\", \"toCompanyId\": \"" + north.get(1).id()[0]
                        + "\", \"session\": \"ANY\" }");
        assertThat(twice.statusCode()).as("a second request for a pair that already agreed").isEqualTo(409);
    }

    @Test
    @Order(5)
    void scheduleIsComputedCheckedAndPublished() {
        String organizer = LocalStack.passwordToken("demo-organizer", "demo");
        HttpResponse<String> job = post("/api/v1/events/" + eventId.get() + "/schedule", organizer,
                "{ \"timeLimitSeconds\": 20, \"fairness\": 2 }");
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);

        AtomicReference<JsonNode> schedule = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> response = LocalStack.get(LocalStack.GATEWAY + "/api/v1/events/" + eventId.get()
                    + "/schedule", organizer);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = LocalStack.JSON.readTree(response.body());
            assertThat(body.get("status").asString()).isEqualTo("DONE");
            schedule.set(body);
        });
        JsonNode meetings = schedule.get().get("meetings");
        // 8 companies, 12 or so meetings, 10 slots, 3 tables: everything fits
        assertThat(meetings.size()).isEqualTo(accepted);
        assertThat(schedule.get().get("unscheduled").size()).isZero();
        Set<String> busy = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (JsonNode meeting : meetings) {
            int slot = meeting.get("slot").asInt();
            int table = meeting.get("table").asInt();
            assertThat(slot).isBetween(1, 10);
            assertThat(table).isBetween(1, 3);
            assertThat(tables.add(slot + "/" + table)).as("table %d twice in slot %d", table, slot).isTrue();
            for (JsonNode company : meeting.get("companyIds")) {
                assertThat(busy.add(slot + "/" + company.asString())).as("a company twice in slot %d", slot).isTrue();
            }
        }

        HttpResponse<String> published = post("/api/v1/events/" + eventId.get() + "/schedule/publish", organizer, "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void everyParticipantHasItsAgendaAndItsMails() {
        for (Company company : companies) {
            int expected = acceptedPerCompany.getOrDefault(company.id()[0], 0);
            HttpResponse<String> ics = LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY
                    + "/api/v1/events/" + eventId.get() + "/agenda/" + company.id()[0]))
                    .header("Authorization", "Bearer " + company.token()).header("Accept", "text/calendar")
                    .GET().build());
            assertThat(ics.statusCode()).as(ics.body()).isEqualTo(200);
            assertThat(ics.body()).startsWith("BEGIN:VCALENDAR");
            assertThat(ics.body().split("BEGIN:VEVENT", -1).length - 1).as(company.username()).isEqualTo(expected);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String mails = LocalStack.get(LocalStack.MAIL + "/messages.json", null).body();
            for (Company company : companies) {
                assertThat(mails).as("mails to " + company.email()).contains(company.email());
                assertThat(mails).contains("BEGIN:VCALENDAR");
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    private static Company company(String name, boolean iparralde, String[] texts) {
        String username = "journey-" + RUN + "-" + name;
        String email = username + "@elkarlan.test";
        String token = KeycloakUsers.createCompanyUser(username, email);
        return iparralde
                ? new Company(username, token, email, "LAPURDI", "64100", "Baiona", true, texts[0], texts[1], texts[2], texts[3], new String[1])
                : new Company(username, token, email, "GIPUZKOA", "20018", "Donostia", false, texts[0], texts[1], texts[2], texts[3], new String[1]);
    }

    private static String registration(Company c) {
        String scheme = c.iparralde() ? "FR_SIREN" : "ES_NIF";
        String legalId = c.iparralde() ? LegalIds.siren(RANDOM) : LegalIds.cif(RANDOM);
        String languages = c.iparralde() ? "[\"fr\", \"eu\", \"en\"]" : "[\"eu\", \"es\", \"en\"]";
        return """
                { "legalName": "%s SARL", "legalId": { "scheme": "%s", "value": "%s" },
                  "territory": "%s", "city": "%s", "postalCode": "%s", "sizeBand": "SMALL", "naceCode": "62.02",
                  "languages": %s, "description": { "en": "A journey test company" },
                  "offers": [ { "title": "%s", "lang": "%s", "cooperation": ["SUPPLIER"] } ],
                  "needs": [ { "title": "%s", "lang": "%s", "cooperation": ["PARTNER"] } ],
                  "womenLed": %s, "publicProfile": true,
                  "contact": { "name": "Journey", "email": "%s" } }
                """.formatted(c.username(), scheme, legalId, c.territory(), c.city(), c.postalCode(), languages,
                c.offer(), c.offerLang(), c.need(), c.needLang(), RANDOM.nextBoolean(), c.email());
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        return LocalStack.send(json(HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + path)), token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String token) {
        return builder.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }
}
