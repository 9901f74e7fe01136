package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A partner's webhook pages in the browser: a partner user (created for the run through Keycloak's admin API)
 * subscribes a receiver running in this JVM to one message type, sees the signing secret once, gets a real delivery
 * when a company registers, reads it in the log, sends it again, filters the log, and deletes the subscription. Each
 * page is held to the suite's rules (one language, axe-core, weight) in the four languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookPagesTests {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String TYPE = "eus.elkarlan.company.registered.v1";

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Map<String, String> weights = new ConcurrentSkipListMap<>();
    private HttpServer receiver;
    private String hookUrl;
    private WebUi ui;
    private BrowserContext context;
    private Page page;
    private String subscriptionId;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(WebUi.SCREENSHOTS);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("ce-type") + " " + body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + run;
        String user = "partner-" + run;
        Platform.createUser(user, "Partner-" + run, "partner");
        ui = WebUi.start();
        context = ui.context("fr-FR");
        page = context.newPage();
        WebUi.watchErrors(page, errors);
        WebUi.signIn(page, user, "Partner-" + run);
    }

    @AfterAll
    void stop() throws IOException {
        if (ui != null) {
            ui.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        StringBuilder csv = new StringBuilder("page,lang,uiBytes,apiBytes,requests\n");
        weights.forEach((key, row) -> csv.append(row).append('\n'));
        Files.writeString(WebUi.SCREENSHOTS.resolve("page-weights-webhooks.csv"), csv);
        System.out.print("Webhook page weights (decoded bytes):\n" + csv);
    }

    @Test
    @Order(1)
    void theEmptyPageSpeaksOneLanguageIsAccessibleAndLight() {
        for (String lang : WebUi.LANGS) {
            Page fresh = context.newPage();
            try {
                List<String> pageErrors = WebUi.watchErrors(fresh);
                WebUi.load(fresh, lang, "#/webhooks");
                assertThat(fresh.locator("nav a[href='#/webhooks']").count()).as("the navigation offers the page").isEqualTo(1);
                weights.put("webhooks-" + lang, WebUi.checkPage(fresh, "webhooks", lang, pageErrors));
            }
            finally {
                fresh.close();
            }
        }
    }

    @Test
    @Order(2)
    void aSubscriptionNeedsAUrlAndATypeThenShowsItsSecretOnce() {
        JsonNode fr = WebUi.messages("fr");
        WebUi.load(page, "fr", "#/webhooks");
        page.fill("input[name=url]", hookUrl);
        page.locator("#create-subscription").click();
        page.locator(".notice.error").filter(new Locator.FilterOptions().setHasText(fr.get("webhooks.types").asString())).waitFor();
        assertThat(page.locator("input[name=types]").first().getAttribute("aria-invalid")).isEqualTo("true");

        page.getByLabel(fr.get("webhookType." + TYPE).asString()).check();
        page.fill("input[name=description]", "Proba " + run);
        page.locator("#create-subscription").click();
        Locator secret = page.locator("#new-secret code.secret");
        secret.waitFor();
        assertThat(secret.textContent()).startsWith("whsec_");
        Locator row = page.locator("#subscriptions tbody tr").filter(new Locator.FilterOptions().setHasText(hookUrl));
        assertThat(row.count()).isEqualTo(1);
        assertThat(row.textContent()).contains(fr.get("webhookType." + TYPE).asString()).contains(fr.get("webhookStatus.ACTIVE").asString());
        subscriptionId = row.getAttribute("data-subscription");
        WebUi.screenshot(page, "webhooks-created-fr");
        weights.put("webhooks-created-fr", WebUi.checkPage(page, "webhooks-created", "fr", errors));

        // the secret is shown once: after a reload only the subscription remains
        WebUi.load(page, "fr", "#/webhooks");
        assertThat(page.locator("#new-secret").count()).isZero();
    }

    @Test
    @Order(3)
    void aRegisteredCompanyIsDeliveredLoggedAndSentAgain() {
        assertThat(subscriptionId).as("the subscription of step 2").isNotNull();
        JsonNode es = WebUi.messages("es");
        String user = "hook-" + run;
        Platform.createCompanyUser(user, "Hook-" + run);
        String token = Platform.userToken(user, "Hook-" + run);
        Platform.json(Platform.call("POST", "/api/v1/companies", token, Map.ofEntries(
                Map.entry("legalName", "Webhook Proba " + run), Map.entry("legalId", Map.of("scheme", "FR_SIREN", "value", Platform.siren())),
                Map.entry("territory", "LAPURDI"), Map.entry("city", "Baiona"), Map.entry("postalCode", "64100"),
                Map.entry("sizeBand", "MICRO"), Map.entry("naceCode", "62.01"), Map.entry("languages", List.of("fr")),
                Map.entry("offers", List.of(Map.of("title", "Développement web", "lang", "fr"))),
                Map.entry("publicProfile", true), Map.entry("contact", Map.of("email", user + "@example.org")))), 201);
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(1))
                .until(() -> received.stream().anyMatch(r -> r.contains("Webhook Proba " + run)));

        String route = "#/webhooks/" + subscriptionId;
        Locator delivered = page.locator("#deliveries tbody tr")
                .filter(new Locator.FilterOptions().setHasText(es.get("deliveryStatus.DELIVERED").asString()));
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            WebUi.load(page, "es", route);
            return delivered.count() > 0;
        });
        assertThat(delivered.first().textContent()).contains(es.get("webhookType." + TYPE).asString());
        weights.put("webhook-deliveries-es", WebUi.checkPage(page, "webhook-deliveries", "es", errors));

        long before = received.stream().filter(r -> r.contains("Webhook Proba " + run)).count();
        delivered.first().getByRole(AriaRole.BUTTON).click();
        page.locator(".notice").filter(new Locator.FilterOptions().setHasText(
                es.get("webhooks.replayed").asString().replace("{type}", es.get("webhookType." + TYPE).asString()))).waitFor();
        Awaitility.await().atMost(ASYNC).pollInterval(Duration.ofSeconds(1))
                .until(() -> received.stream().filter(r -> r.contains("Webhook Proba " + run)).count() > before);

        // the status filter lives in the address: nothing failed
        page.selectOption("#delivery-status", "FAILED");
        WebUi.waitRendered(page, route + "?status=FAILED");
        assertThat(page.locator("#deliveries").count()).isZero();
        assertThat(page.locator("main").textContent()).contains(es.get("webhooks.noDeliveries").asString());
        WebUi.screenshot(page, "webhook-deliveries-filtered-es");
    }

    @Test
    @Order(4)
    void deletingAsksOnceMoreThenTheSubscriptionIsGone() {
        assertThat(subscriptionId).as("the subscription of step 2").isNotNull();
        JsonNode eu = WebUi.messages("eu");
        WebUi.load(page, "eu", "#/webhooks");
        Locator row = page.locator("#subscriptions tbody tr[data-subscription='" + subscriptionId + "']");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(eu.get("webhooks.deleteOf").asString().replace("{url}", hookUrl))).click();
        assertThat(row.count()).as("nothing is deleted before the confirmation").isEqualTo(1);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(eu.get("webhooks.deleteConfirm").asString().replace("{url}", hookUrl))).click();
        page.locator(".notice").filter(new Locator.FilterOptions().setHasText(eu.get("webhooks.deleted").asString())).first().waitFor();
        assertThat(page.locator("#subscriptions tbody tr[data-subscription='" + subscriptionId + "']").count()).isZero();
        assertThat(errors).as("script errors or CSP refusals on the way").isEmpty();
    }
}
