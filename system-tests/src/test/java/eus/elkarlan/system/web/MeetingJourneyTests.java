package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

/**
 * The whole journey in the browser, in Basque: the organizer creates an event; demo-company signs in through
 * Keycloak, fills its profile in Basque, registers, sees its matches with their reasons and asks a French company
 * for a meeting; that company accepts; the organizer runs the scheduler and publishes; the agenda shows the meeting
 * and its .ics downloads. The French company and its user are created for the run (Keycloak admin API, company API).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeetingJourneyTests {

    private static final Duration ASYNC = Duration.ofSeconds(45);
    private static final String LANG = "eu";

    private WebUi ui;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final JsonNode eu = WebUi.messages(LANG);

    private BrowserContext organizer;
    private BrowserContext company;
    private BrowserContext partner;
    private Page org;
    private Page me;
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String eventId;
    private String partnerUser;
    private String partnerPassword;
    private String partnerName;

    @BeforeAll
    void start() {
        ui = WebUi.start();
        organizer = ui.context("eu-ES");
        company = ui.context("eu-ES");
        partner = ui.context("fr-FR");
    }

    @AfterAll
    void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    @Order(1)
    void organizerCreatesTheEventAndAFrenchCompanyRegisters() {
        org = organizer.newPage();
        WebUi.watchErrors(org, errors);
        WebUi.signIn(org, "demo-organizer", "demo");
        WebUi.load(org, LANG, "#/organize/new");
        org.fill("input[name=name]", "Elkarlan proba " + run);
        org.locator("#create-event").click();
        org.waitForFunction("() => /^#\\/organize\\/(?!new$)[^/]+$/.test(location.hash)"
                + " && document.documentElement.dataset.rendered === location.hash");
        eventId = ((String) org.evaluate("() => location.hash")).substring("#/organize/".length());
        WebUi.screenshot(org, "journey-1-event-created");

        // a French company, created behind the UI (Keycloak admin API, company API), registers for it
        partnerUser = "proba-" + run;
        partnerPassword = "Proba-" + run;
        Platform.createCompanyUser(partnerUser, partnerPassword);
        String partnerToken = Platform.userToken(partnerUser, partnerPassword);
        partnerName = "Baiona Datu " + run;
        String partnerId = Platform.json(Platform.call("POST", "/api/v1/companies", partnerToken, Map.ofEntries(
                Map.entry("legalName", partnerName), Map.entry("legalId", Map.of("scheme", "FR_SIREN", "value", Platform.siren())),
                Map.entry("territory", "LAPURDI"), Map.entry("city", "Baiona"), Map.entry("postalCode", "64100"),
                Map.entry("sizeBand", "SMALL"), Map.entry("naceCode", "62.01"), Map.entry("languages", List.of("fr", "eu")),
                Map.entry("offers", List.of(Map.of("title", "Audit de cybersécurité et tests d'intrusion", "lang", "fr",
                        "description", "Nous auditons la sécurité des systèmes d'information et du cloud des PME."))),
                Map.entry("needs", List.of(Map.of("title", "Développement d'applications mobiles", "lang", "fr"))),
                Map.entry("publicProfile", true), Map.entry("contact", Map.of("email", partnerUser + "@example.org")))), 201)
                .get("id").asString();
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(1)).until(() -> Platform.call("POST",
                "/api/v1/events/" + eventId + "/participants", partnerToken,
                Map.of("companyId", partnerId, "unavailableSlots", List.of(), "delegates", 1)).statusCode() == 201);
    }

    @Test
    @Order(2)
    void companyFillsItsProfileInBasqueRegistersAndAsksAMatchForAMeeting() {
        assertThat(eventId).as("the event of step 1").isNotNull();
        me = company.newPage();
        WebUi.watchErrors(me, errors);
        WebUi.signIn(me, "demo-company", "demo");
        WebUi.load(me, LANG, "#/me");
        fillProfileInBasque(me);
        WebUi.screenshot(me, "journey-2-profile-eu");

        WebUi.load(me, LANG, "#/events/" + eventId);
        me.locator("#register-button").click();
        me.waitForSelector(".request-form");

        // its matches, with their reasons, include the French company
        Locator card = me.locator("li.match").filter(new Locator.FilterOptions().setHasText(partnerName));
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            WebUi.load(me, LANG, "#/matches");
            return card.count() > 0;
        });
        assertThat(card.locator("ul.reasons li").count()).isPositive();
        assertThat(card.locator("ul.reasons li").first().textContent()).isNotBlank();
        // the French company is across the border: the cross-border filter keeps it
        me.locator("#cross-border-only").check();
        WebUi.waitRendered(me, "#/matches?crossBorder=true");
        assertThat(card.count()).isPositive();

        me.selectOption("#request-event", eventId);
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(eu.get("matches.requestWith").asString().replace("{name}", partnerName))).click();
        card.locator("textarea[name=message]").fill("Kaixo! Zuen auditoria zerbitzuak interesatzen zaizkigu.");
        card.locator(".request-form button[type=submit]").click();
        card.locator(".notice").filter(new Locator.FilterOptions().setHasText(eu.get("request.sent").asString())).waitFor();
        WebUi.screenshot(me, "journey-3-matches-eu");
    }

    @Test
    @Order(3)
    void theFrenchCompanyAcceptsInFrench() {
        assertThat(me).as("the request of step 2").isNotNull();
        Page other = partner.newPage();
        WebUi.watchErrors(other, errors);
        WebUi.signIn(other, partnerUser, partnerPassword);
        String acceptFrom = WebUi.messages("fr").get("requests.acceptFrom").asString();
        Locator accept = other.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName(acceptFrom.substring(0, acceptFrom.indexOf('{')).trim())).first();
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            WebUi.load(other, "fr", "#/events/" + eventId);
            return accept.count() > 0;
        });
        accept.click();
        other.locator("td").filter(new Locator.FilterOptions().setHasText(WebUi.messages("fr").get("requestStatus.ACCEPTED").asString()))
                .first().waitFor();
        WebUi.screenshot(other, "journey-4-accepted-fr");
    }

    @Test
    @Order(4)
    void organizerSchedulesAndPublishesThenTheAgendaShowsTheMeetingAndItsIcsDownloads() throws Exception {
        assertThat(org).as("the organizer of step 1").isNotNull();
        WebUi.load(org, LANG, "#/organize/" + eventId);
        org.fill("input[name=timeLimitSeconds]", "5");
        org.locator("#run-scheduler").click();
        org.locator("#publish-schedule").waitFor(new Locator.WaitForOptions().setTimeout(ASYNC.toMillis() * 2));
        assertThat(org.locator("#schedule-grid").textContent()).contains(partnerName);
        WebUi.screenshot(org, "journey-5-schedule-eu");
        org.locator("#publish-schedule").click();
        String published = eu.get("schedule.publishedNow").asString();
        org.locator(".notice").filter(new Locator.FilterOptions().setHasText(published.substring(0, published.indexOf('(')).trim()))
                .first().waitFor();

        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            WebUi.load(me, LANG, "#/events/" + eventId);
            return me.locator("table.agenda").count() > 0 && me.locator("table.agenda").textContent().contains(partnerName);
        });
        WebUi.screenshot(me, "journey-6-agenda-eu");
        Download download = me.waitForDownload(() -> me.locator("#ics-download").click());
        String ics = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(download.suggestedFilename()).endsWith(".ics");
        assertThat(ics).contains("BEGIN:VCALENDAR").contains("BEGIN:VEVENT");

        // the subscription link follows the service: shown with its address when it offers one, absent when it answers 404
        var subscription = Platform.call("GET", "/api/v1/events/" + eventId + "/agenda/" + myCompanyId() + "/subscription",
                Platform.userToken("demo-company", "demo"), null);
        if (subscription.statusCode() == 200) {
            String url = Platform.json(subscription, 200).get("url").asString();
            me.locator("#subscription-url").waitFor();
            assertThat(me.locator("#subscription-url").inputValue()).isEqualTo(url);
            assertThat(me.locator("#subscription-link").getAttribute("href")).startsWith("webcal:");
        }
        else {
            assertThat(subscription.statusCode()).as("the subscription call").isEqualTo(404);
            assertThat(me.locator("#agenda-subscription").isHidden()).isTrue();
        }
    }

    @Test
    @Order(5)
    void theMeetingIsCheckedInAndRatedAndTheOrganizerSeesItInTheStatistics() {
        assertThat(me).as("the agenda of step 4").isNotNull();
        Locator row = me.locator("table.agenda tbody tr").filter(new Locator.FilterOptions().setHasText(partnerName));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(eu.get("checkIn.heldWith").asString().replace("{who}", partnerName))).click();
        row.locator("[data-part=check-in]").filter(new Locator.FilterOptions().setHasText(eu.get("checkIn.stateHeld").asString())).waitFor();

        Locator feedback = me.locator("form.feedback-form").filter(new Locator.FilterOptions().setHasText(partnerName));
        feedback.locator("select[name=rating]").selectOption("4");
        feedback.locator("input[name=followUpPlanned]").check();
        feedback.locator("button[type=submit]").click();
        me.locator(".notice").filter(new Locator.FilterOptions()
                .setHasText(eu.get("feedback.sent").asString().replace("{who}", partnerName))).waitFor();
        WebUi.screenshot(me, "journey-7-check-in-feedback-eu");

        // after a reload the page still shows what the service keeps: held, noted by me, my own rating and follow-up
        WebUi.load(me, LANG, "#/events/" + eventId);
        row.locator("[data-part=check-in]").waitFor();
        assertThat(row.locator("[data-part=check-in]").textContent().trim())
                .isEqualTo(eu.get("checkIn.stateHeld").asString() + " · " + eu.get("checkIn.byMe").asString());
        Locator reloaded = me.locator("form.feedback-form").filter(new Locator.FilterOptions().setHasText(partnerName));
        assertThat(reloaded.locator("[data-part=my-feedback]").textContent().trim()).isEqualTo(eu.get("feedback.mineFollowUp")
                .asString().replace("{rating}", eu.get("feedback.rating4").asString()));
        assertThat(reloaded.locator("select[name=rating]").inputValue()).isEqualTo("4");
        assertThat(reloaded.locator("input[name=followUpPlanned]").isChecked()).isTrue();
        WebUi.screenshot(me, "journey-7b-check-in-feedback-reloaded-eu");

        // the organizer's dashboard comes from GET /events/{id}/stats: one meeting held, one rating of 4, one follow-up
        WebUi.load(org, LANG, "#/organize/" + eventId);
        org.locator("#check-in-table").waitFor(); // the schedule part is drawn as its poll answers
        assertThat(org.locator("#check-in-table").textContent()).contains(partnerName);
        JsonNode myCompany = Platform.json(Platform.call("GET", "/api/v1/companies/me", Platform.userToken("demo-company", "demo"), null), 200);
        // the organizer's check-in table shows, from the schedule, that the company noted the meeting as held
        Locator noted = org.locator("#check-in-table tbody tr").filter(new Locator.FilterOptions().setHasText(partnerName))
                .locator("[data-part=check-in]");
        assertThat(noted.textContent().trim()).isEqualTo(eu.get("checkIn.stateHeld").asString() + " · "
                + eu.get("checkIn.byCompany").asString().replace("{who}", myCompany.get("legalName").asString()));
        assertThat(stat("meetingsHeld")).isEqualTo("1");
        assertThat(stat("feedbackCount")).isEqualTo("1");
        assertThat(stat("followUpsPlanned")).isEqualTo("1");
        assertThat(stat("averageRating")).startsWith("4");
        assertThat(stat("published")).isEqualTo(eu.get("common.yes").asString());
        assertThat(org.locator("#stats-title ~ figure.chart, section[aria-labelledby=stats-title] figure.chart").count())
                .as("charts of the statistics").isGreaterThanOrEqualTo(3);
        // territories: the participants' (the French company's LAPURDI and demo-company's), and the one meeting in each
        String ours = eu.get("territory." + myCompany.get("territory").asString()).asString();
        String theirs = eu.get("territory.LAPURDI").asString();
        Map<String, String> participantsByTerritory = chartRows("#territory-participants");
        Map<String, String> meetingsByTerritory = chartRows("#territory-meetings");
        if (ours.equals(theirs)) {
            assertThat(participantsByTerritory).containsExactly(Map.entry(theirs, "2"));
            assertThat(meetingsByTerritory).as("a meeting counts once per distinct territory").containsExactly(Map.entry(theirs, "1"));
        }
        else {
            assertThat(participantsByTerritory).containsOnly(Map.entry(theirs, "1"), Map.entry(ours, "1"));
            assertThat(meetingsByTerritory).containsOnly(Map.entry(theirs, "1"), Map.entry(ours, "1"));
        }
        assertThat(org.locator("#territory-participants svg text").allTextContents()).contains(theirs);
        WebUi.screenshot(org, "journey-8-stats-eu");
    }

    @Test
    @Order(6)
    void companyDownloadsEverythingStoredAboutItAndNoPageFailed() throws Exception {
        assertThat(me).as("the company of step 2").isNotNull();
        WebUi.load(me, LANG, "#/me");
        Download export = me.waitForDownload(() -> me.locator("#export-data").click());
        assertThat(Files.readString(export.path(), StandardCharsets.UTF_8)).contains("Zibersegurtasun auditoria");
        assertThat(errors).as("script errors or CSP refusals on the way").isEmpty();
    }

    @Test
    @Order(7)
    void organizerCancelsTheEventAfterConfirmingAndEveryoneSeesItCancelled() {
        assertThat(org).as("the organizer of step 1").isNotNull();
        WebUi.load(org, LANG, "#/organize/" + eventId);
        org.locator("#cancel-event").click();
        org.locator(".notice").filter(new Locator.FilterOptions().setHasText(eu.get("cancel.confirmFirst").asString())).waitFor();
        org.locator("#confirm-cancel").check();
        org.locator("#cancel-event").click();
        org.locator(".notice").filter(new Locator.FilterOptions().setHasText(eu.get("cancel.isCancelled").asString())).waitFor();
        assertThat(org.locator("#cancel-event").count()).isZero();
        assertThat(org.locator("#edit-event").count()).isZero();
        WebUi.screenshot(org, "journey-9-cancelled-eu");
        WebUi.load(me, LANG, "#/events/" + eventId);
        assertThat(me.locator("dl.figures").textContent()).contains(eu.get("eventStatus.CANCELLED").asString());
        assertThat(errors).as("script errors or CSP refusals on the way").isEmpty();
    }

    /** A chart's figures from its table: the row's name and its value as written. */
    private Map<String, String> chartRows(String figure) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        Locator tr = org.locator(figure + " table tbody tr");
        for (int i = 0; i < tr.count(); i++) {
            rows.put(tr.nth(i).locator("th").textContent().trim(), tr.nth(i).locator("td").textContent().trim());
        }
        return rows;
    }

    private String stat(String name) {
        return org.locator("#event-stats [data-stat=" + name + "] dd").textContent().trim();
    }

    private String myCompanyId() {
        return Platform.json(Platform.call("GET", "/api/v1/companies/me", Platform.userToken("demo-company", "demo"), null), 200)
                .get("id").asString();
    }

    /** Fills the profile form in Basque: every required field when the company is new, and a Basque need. */
    private void fillProfileInBasque(Page page) {
        boolean isNew = eu.get("profile.create").asString().equals(page.locator("#save-company").textContent());
        if (isNew) {
            page.fill("input[name=legalName]", "Itsaso Zibersegurtasuna " + run);
            page.selectOption("select[name='legalId.scheme']", "ES_NIF");
            page.fill("input[name='legalId.value']", Platform.cif());
            page.selectOption("select[name=territory]", "GIPUZKOA");
            page.fill("input[name=city]", "Donostia");
            page.fill("input[name=postalCode]", "20018");
            page.selectOption("select[name=sizeBand]", "SMALL");
            page.fill("input[name=naceCode]", "62.02");
            page.fill("input[name='contact.email']", "kaixo@itsaso.example");
            page.fill("textarea[name='description.eu']", "Donostiako enpresa digitala: mugikorretarako aplikazioak garatzen ditugu.");
            Locator offer = page.locator("fieldset[data-kind=offers]").first();
            offer.locator("[data-part=title]").fill("Mugikorretarako aplikazioen garapena");
            offer.locator("[data-part=lang]").selectOption("eu");
        }
        // a Basque need (the one of an earlier run is rewritten rather than added again)
        String title = "Zibersegurtasun auditoria";
        int existing = ((Number) page.evaluate("title => [...document.querySelectorAll('fieldset[data-kind=needs]')]"
                + ".findIndex(f => f.querySelector('[data-part=title]').value === title)", title)).intValue();
        Locator need;
        if (existing < 0) {
            page.locator("#add-needs").click();
            need = page.locator("fieldset[data-kind=needs]").last();
        }
        else {
            need = page.locator("fieldset[data-kind=needs]").nth(existing);
            need.locator("[data-part=description]").fill("");
        }
        need.locator("[data-part=lang]").selectOption("eu");
        need.locator("[data-part=title]").fill(title);
        need.locator("[data-part=description]").fill("Gure sistemen eta hodeiko azpiegituraren segurtasun auditoria bat behar dugu.");
        // the concepts recognised in the Basque text are suggested while typing
        need.locator(".concept-list input[type=checkbox]").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        page.locator("#save-company").click();
        String saved = eu.get(isNew ? "profile.save" : "profile.saved").asString();
        if (isNew) {
            // created: the page turns into the edit form
            page.waitForFunction("text => document.querySelector('#save-company') && document.querySelector('#save-company').textContent === text", saved);
        }
        else {
            page.locator(".notice").filter(new Locator.FilterOptions().setHasText(saved)).waitFor();
        }
    }
}
