package eus.elkarlan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import eus.elkarlan.client.ApiClient;
import eus.elkarlan.client.ApiException;
import eus.elkarlan.client.api.CompanyControllerApi;
import eus.elkarlan.client.api.EventControllerApi;
import eus.elkarlan.client.api.MatchControllerApi;
import eus.elkarlan.client.api.ScheduleControllerApi;
import eus.elkarlan.client.model.CompanyRequest;
import eus.elkarlan.client.model.CompanyResponse;
import eus.elkarlan.client.model.Compute;
import eus.elkarlan.client.model.ContactRequest;
import eus.elkarlan.client.model.CreateEvent;
import eus.elkarlan.client.model.DayBody;
import eus.elkarlan.client.model.EventView;
import eus.elkarlan.client.model.ItemRequest;
import eus.elkarlan.client.model.LegalIdRequest;
import eus.elkarlan.client.model.MatchList;
import eus.elkarlan.client.model.NewRequest;
import eus.elkarlan.client.model.PlacedMeeting;
import eus.elkarlan.client.model.Register;
import eus.elkarlan.client.model.SessionBody;
import eus.elkarlan.client.model.Venue;
import eus.elkarlan.client.model.View;

/**
 * A whole event at scale, played through the gateway with the generated client and real Keycloak
 * tokens: companies from both sides of the border register in the four languages and see their
 * matches, an organizer creates an event, participants register, send requests (three in four
 * accepted), the schedule is computed, checked independently and published, and every participant
 * has its agenda and its mails. {@code -Delkarlan.scale=ci} (the default: 60 companies,
 * 30 participants, 120 requests) or {@code full} (300, 150, 600 with 450 accepted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventAtScaleTests {

    record Scale(int companies, int participants, int requestRounds, int tables) {
    }

    static final Scale SCALE = "full".equals(System.getProperty("elkarlan.scale"))
            ? new Scale(300, 150, 4, 40) : new Scale(60, 30, 4, 10);
    static final int SLOTS = 16; // one day, two sessions of four hours, half-hour slots
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final Random RANDOM = new Random();

    /** What a company offers and needs, in the language it writes in; each topic in four. */
    static final Map<String, String[]> TOPICS = Map.of(
            "web", new String[] { "Web garapena eta aplikazio mugikorrak", "Développement web et applications mobiles",
                    "Desarrollo web y aplicaciones móviles", "Web development and mobile apps" },
            "security", new String[] { "Zibersegurtasun auditoria", "Audit de cybersécurité", "Auditoría de ciberseguridad",
                    "Cybersecurity audit" },
            "cloud", new String[] { "Hodeirako migrazioa", "Migration vers le cloud", "Migración a la nube", "Cloud migration" },
            "shop", new String[] { "Online denda Prestashop-ekin", "Boutique en ligne avec Prestashop",
                    "Tienda online con Prestashop", "Online shop with Prestashop" });
    static final String[] TOPIC_ORDER = { "web", "security", "cloud", "shop" };
    static final String[] LANGS = { "eu", "fr", "es", "en" };
    /** Territory, a city in it and its postal code (company-service checks that they agree). */
    static final String[][] NORTH = { { "LAPURDI", "Baiona", "64100" }, { "BAXENABARRE", "Donibane Garazi", "64220" },
            { "ZUBEROA", "Maule", "64130" } };
    static final String[][] SOUTH = { { "GIPUZKOA", "Donostia", "20018" }, { "BIZKAIA", "Bilbo", "48001" },
            { "ARABA", "Gasteiz", "01001" }, { "NAFARROA", "Iruña", "31001" } };

    record Company(int index, String email, Supplier<String> token, ApiClient client, String[] id) {
        boolean north() {
            return index % 2 == 0;
        }
    }

    static final List<Company> companies = new ArrayList<>();
    /** The last companies to register are watched until their first match is served (DESIGN: 10 s at most, goal 2). */
    static final int TIMED = 10;
    static final List<Double> firstMatchSeconds = new ArrayList<>();
    static final List<Company> participants = new ArrayList<>();
    static final AtomicReference<EventView> event = new AtomicReference<>();
    static final Map<String, Integer> acceptedPerCompany = new HashMap<>();
    static final AtomicReference<ApiClient> organizer = new AtomicReference<>();
    static int accepted;

    @Test
    @Order(1)
    void companiesFromBothSidesRegisterInFourLanguagesAndSeeTheirMatches() throws ApiException {
        long started = System.nanoTime();
        for (int i = 0; i < SCALE.companies(); i++) {
            String username = "scale-" + RUN + "-" + i;
            String email = username + "@elkarlan.test";
            Supplier<String> token = LocalStack.signedIn(username, KeycloakUsers.PASSWORD,
                    KeycloakUsers.createCompanyUser(username, email));
            Company company = new Company(i, email, token, ApiClients.signedIn(token), new String[1]);
            CompanyResponse registered = new CompanyControllerApi(company.client()).companyRegister(registration(company));
            assertThat(registered.getRegion()).isEqualTo(company.north() ? "IPARRALDE" : "HEGOALDE");
            assertThat(registered.getOffers()).isNotEmpty();
            company.id()[0] = registered.getId();
            companies.add(company);
            if (i >= SCALE.companies() - TIMED) {
                firstMatchSeconds.add(secondsToFirstMatch(company, System.nanoTime()));
            }
        }
        System.out.printf("EventAtScaleTests: %d companies signed up and registered in %.1f s%n", companies.size(),
                (System.nanoTime() - started) / 1e9);
        List<Double> sorted = firstMatchSeconds.stream().sorted().toList();
        System.out.printf("EventAtScaleTests: registration answered → first match served, last %d companies: "
                + "median %.2f s, max %.2f s%n", sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));

        // everybody has ranked, explained matches, and partners across the border and languages among them
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            int crossBorder = 0;
            int crossLingual = 0;
            for (Company company : companies) {
                MatchList list = new MatchControllerApi(company.client()).matchingMatches(company.id()[0], 20, false, LANGS[company.index() % 4], null);
                assertThat(list.getMatches()).as("matches of company %d", company.index()).isNotEmpty();
                for (var match : list.getMatches()) {
                    assertThat(match.getScore()).isBetween(0.0, 1.0);
                    assertThat(match.getReasons()).isNotEmpty();
                    crossBorder += Boolean.TRUE.equals(match.getCrossBorder()) ? 1 : 0;
                    crossLingual += match.getLanguages() != null && !match.getLanguages().contains(LANGS[company.index() % 4]) ? 1 : 0;
                }
            }
            assertThat(crossBorder).as("cross-border matches").isPositive();
            assertThat(crossLingual).as("matches with companies writing in another language").isPositive();
        });
    }

    @Test
    @Order(2)
    void organizerCreatesTheEventAndParticipantsRegister() throws ApiException {
        organizer.set(ApiClients.signedIn(LocalStack.signedIn("demo-organizer", "demo")));
        CreateEvent body = new CreateEvent();
        body.setName("Euskal Digital Tech Summit at scale " + RUN);
        Venue venue = new Venue();
        venue.setName("Kursaal");
        venue.setCity("Donostia");
        body.setVenue(venue);
        body.setTimeZone("Europe/Madrid");
        DayBody day = new DayBody();
        day.setDate(LocalDate.of(2027, 6, 10));
        day.setSessions(List.of(session("09:00", "13:00"), session("14:00", "18:00")));
        body.setDays(List.of(day));
        body.setSlotMinutes(30);
        body.setTables(SCALE.tables());
        body.setRegistrationDeadline(OffsetDateTime.parse("2027-06-01T18:00:00+02:00"));
        EventView created = new EventControllerApi(organizer.get()).eventCreate(body);
        assertThat(created.getSlots()).hasSize(SLOTS);
        event.set(created);

        assertThatThrownBy(() -> new EventControllerApi(companies.get(0).client()).eventCreate(body))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.getCode()).isEqualTo(403));

        // participants alternate sides, so that every request below crosses the border
        for (int i = 0; i < SCALE.participants(); i++) {
            Company company = companies.get(i);
            Register register = new Register();
            register.setCompanyId(company.id()[0]);
            register.setUnavailableSlots(i % 10 == 0 ? List.of(1, 2) : List.of());
            register.setDelegates(1);
            new EventControllerApi(company.client()).eventRegister(created.getId(), register);
            participants.add(company);
        }
        assertThat(new EventControllerApi(organizer.get()).eventParticipants(created.getId())).hasSize(SCALE.participants());
    }

    @Test
    @Order(3)
    void participantsRequestMeetingsAndThreeInFourAreAccepted() throws ApiException {
        String eventId = event.get().getId();
        int p = participants.size();
        int sent = 0;
        for (int round = 0; round < SCALE.requestRounds(); round++) {
            int offset = 2 * round + 1; // odd: the other side; distinct offsets below p/2: every pair once
            for (int i = 0; i < p; i++) {
                Company from = participants.get(i);
                Company to = participants.get((i + offset) % p);
                NewRequest request = new NewRequest();
                request.setFromCompanyId(from.id()[0]);
                request.setToCompanyId(to.id()[0]);
                request.setMessage("Kaixo! Bonjour! ¡Hola!");
                request.setSession(NewRequest.SessionEnum.ANY);
                String requestId = new EventControllerApi(from.client()).eventRequest(eventId, request).getId();
                assertThatThrownBy(() -> new EventControllerApi(from.client()).eventAccept(eventId, requestId))
                        .as("the requester accepting its own request")
                        .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.getCode()).isEqualTo(403));
                if (sent++ % 4 == 3) {
                    new EventControllerApi(to.client()).eventDecline(eventId, requestId);
                }
                else {
                    assertThat(new EventControllerApi(to.client()).eventAccept(eventId, requestId).getMeetingId()).isNotBlank();
                    accepted++;
                    acceptedPerCompany.merge(from.id()[0], 1, Integer::sum);
                    acceptedPerCompany.merge(to.id()[0], 1, Integer::sum);
                }
            }
        }
        assertThat(sent).isEqualTo(SCALE.requestRounds() * p);
        assertThat(accepted).isEqualTo(sent - sent / 4);
        System.out.printf("EventAtScaleTests: %d requests, %d accepted%n", sent, accepted);
    }

    @Test
    @Order(4)
    void theScheduleIsComputedCheckedAndPublished() throws ApiException {
        String eventId = event.get().getId();
        ScheduleControllerApi schedules = new ScheduleControllerApi(organizer.get());
        Compute compute = new Compute();
        compute.setTimeLimitSeconds(30);
        compute.setFairness(2);
        schedules.eventCompute(eventId, compute);
        AtomicReference<View> done = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            View view = schedules.eventRead(eventId);
            assertThat(view.getStatus()).isEqualTo("DONE");
            done.set(view);
        });
        View schedule = done.get();
        assertThat(schedule.getUnscheduled()).isEmpty();
        assertThat(schedule.getMeetings()).hasSize(accepted);
        Set<String> busy = new HashSet<>();
        Map<Integer, Integer> perSlot = new HashMap<>();
        Set<String> tables = new HashSet<>();
        Set<String> unavailable = new HashSet<>();
        for (int i = 0; i < participants.size(); i += 10) {
            unavailable.addAll(Arrays.asList(participants.get(i).id()[0] + "/1", participants.get(i).id()[0] + "/2"));
        }
        for (PlacedMeeting meeting : schedule.getMeetings()) {
            assertThat(meeting.getSlot()).isBetween(1, SLOTS);
            assertThat(meeting.getTable()).isBetween(1, SCALE.tables());
            assertThat(tables.add(meeting.getSlot() + "/" + meeting.getTable())).as("a table used twice").isTrue();
            perSlot.merge(meeting.getSlot(), 1, Integer::sum);
            for (String company : meeting.getCompanyIds()) {
                String key = company + "/" + meeting.getSlot();
                assertThat(busy.add(key)).as("a company in two meetings at once").isTrue();
                assertThat(unavailable).as("a meeting in a slot its company declared unavailable").doesNotContain(key);
            }
        }
        assertThat(perSlot.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(SCALE.tables()));
        System.out.printf("EventAtScaleTests: %d meetings scheduled, %d breaks, optimal %s%n", schedule.getMeetings().size(),
                schedule.getBreaks(), schedule.getOptimal());

        View published = schedules.eventPublish(eventId);
        assertThat(published.getPublishedSequence()).isPositive();
    }

    @Test
    @Order(5)
    void everyParticipantHasItsAgendaAndItsScheduleByMail() throws ApiException {
        String eventId = event.get().getId();
        for (Company company : participants) {
            // the calendar form of the agenda, as a calendar application fetches it (the generated
            // client reads every answer as JSON, so it cannot take this one)
            String agenda = LocalStack.send(HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + "/api/v1/events/" + eventId
                    + "/agenda/" + company.id()[0])).header("Authorization", "Bearer " + company.token().get())
                    .header("Accept", "text/calendar").GET().build()).body();
            assertThat(agenda).startsWith("BEGIN:VCALENDAR");
            assertThat(agenda.split("BEGIN:VEVENT", -1).length - 1).as("meetings in the agenda of participant %d", company.index())
                    .isEqualTo(acceptedPerCompany.getOrDefault(company.id()[0], 0));
        }
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            String mails = LocalStack.get(LocalStack.MAIL + "/messages.json", null).body();
            for (Company company : participants) {
                assertThat(mails).as("mails to " + company.email()).contains(company.email());
            }
            assertThat(mails).contains("BEGIN:VCALENDAR");
        });
    }

    // ---------------------------------------------------------------------------------------------

    /** Seconds from the registration's answer until the company's match list is not empty (10 s at most). */
    private static double secondsToFirstMatch(Company company, long since) {
        MatchControllerApi matches = new MatchControllerApi(company.client());
        // 404 until matching-service has read the registration from Kafka
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof ApiException api && api.getCode() == 404)
                .untilAsserted(() -> assertThat(matches.matchingMatches(company.id()[0], 5, false, "en", null).getMatches())
                        .as("matches of company %d within 10 s of its registration", company.index()).isNotEmpty());
        return (System.nanoTime() - since) / 1e9;
    }

    private static CompanyRequest registration(Company c) {
        int lang = c.index() % 4;
        // offers one topic, needs the next: the company one further on answers its need
        String offer = TOPIC_ORDER[(c.index() / 2) % 4];
        String need = TOPIC_ORDER[(c.index() / 2 + 1) % 4];
        CompanyRequest request = new CompanyRequest();
        request.setLegalName("Scale " + c.index() + (c.north() ? " SARL" : " SL"));
        LegalIdRequest legalId = new LegalIdRequest();
        legalId.setScheme(c.north() ? "FR_SIREN" : "ES_NIF");
        legalId.setValue(c.north() ? LegalIds.siren(RANDOM) : LegalIds.cif(RANDOM));
        request.setLegalId(legalId);
        String[] place = c.north() ? NORTH[c.index() / 2 % NORTH.length] : SOUTH[c.index() / 2 % SOUTH.length];
        request.setTerritory(place[0]);
        request.setCity(place[1]);
        request.setPostalCode(place[2]);
        request.setSizeBand(c.index() % 3 == 0 ? "MICRO" : "SMALL");
        request.setNaceCode("62.01");
        request.setLanguages(List.of(LANGS[lang], c.north() ? "fr" : "es"));
        request.setDescription(Map.of(LANGS[lang], TOPICS.get(offer)[lang]));
        request.setOffers(List.of(item(TOPICS.get(offer)[lang], LANGS[lang], "SUPPLIER")));
        request.setNeeds(List.of(item(TOPICS.get(need)[lang], LANGS[lang], "PARTNER")));
        request.setWomenLed(c.index() % 5 == 0);
        request.setPublicProfile(true);
        ContactRequest contact = new ContactRequest();
        contact.setName("Scale " + c.index());
        contact.setEmail(c.email());
        request.setContact(contact);
        return request;
    }

    private static ItemRequest item(String title, String lang, String cooperation) {
        ItemRequest item = new ItemRequest();
        item.setTitle(title);
        item.setLang(lang);
        item.setCooperation(List.of(cooperation));
        return item;
    }

    private static SessionBody session(String start, String end) {
        SessionBody session = new SessionBody();
        session.setStart(start);
        session.setEnd(end);
        return session;
    }
}
