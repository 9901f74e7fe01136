package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import tools.jackson.databind.JsonNode;

/**
 * The pages of a signed-in company and of the organizer, in every language, held to the same rules as the public
 * ones. The demo accounts sign in once each through Keycloak's login form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedInPagesTests {

    private WebUi ui;
    private BrowserContext company;
    private BrowserContext organizer;
    private final Map<String, String> companyRoutes = new LinkedHashMap<>();
    private final Map<String, String> organizerRoutes = new LinkedHashMap<>();
    private final Map<String, String> weights = new ConcurrentSkipListMap<>();

    @BeforeAll
    void signIn() throws IOException {
        Files.createDirectories(WebUi.SCREENSHOTS);
        ui = WebUi.start();
        company = ui.context("en");
        WebUi.signIn(company.newPage(), "demo-company", "demo");
        organizer = ui.context("en");
        WebUi.signIn(organizer.newPage(), "demo-organizer", "demo");
        companyRoutes.put("my-company", "#/me");
        companyRoutes.put("matches", "#/matches");
        companyRoutes.put("notifications", "#/notifications");
        organizerRoutes.put("organize", "#/organize");
        organizerRoutes.put("create-event", "#/organize/new");
        openEventId().ifPresent(id -> {
            companyRoutes.put("event-as-company", "#/events/" + id);
            organizerRoutes.put("manage-event", "#/organize/" + id);
            organizerRoutes.put("edit-event", "#/organize/" + id + "/edit");
        });
    }

    @AfterAll
    void stop() throws IOException {
        if (ui != null) {
            ui.close();
        }
        StringBuilder csv = new StringBuilder("page,lang,uiBytes,apiBytes,requests\n");
        weights.forEach((key, row) -> csv.append(row).append('\n'));
        Files.writeString(WebUi.SCREENSHOTS.resolve("page-weights-signed-in.csv"), csv);
        System.out.print("Signed-in page weights (decoded bytes):\n" + csv);
    }

    Stream<Arguments> companyPages() {
        return everyLanguage(companyRoutes);
    }

    Stream<Arguments> organizerPages() {
        return everyLanguage(organizerRoutes);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("companyPages")
    void companyPageSpeaksOneLanguageIsAccessibleAndLight(String name, String lang) {
        check(company, companyRoutes, name, lang);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("organizerPages")
    void organizerPageSpeaksOneLanguageIsAccessibleAndLight(String name, String lang) {
        check(organizer, organizerRoutes, name, lang);
    }

    /**
     * The edit form holds the event as the service has it and sends it back whole with {@code PUT} and the ETag of
     * its read as {@code If-Match}. The request is stopped in the browser (the demo event stays as it is, and the
     * service may not offer {@code PUT} yet); the page then says the service did not answer.
     */
    @Test
    void editFormHoldsTheEventAndSendsItBackWithIfMatch() {
        var read = java.net.http.HttpClient.newHttpClient();
        JsonNode event;
        String etag;
        String id;
        try {
            id = openEventId().orElseThrow(() -> new IllegalStateException("no event that is not cancelled"));
            var response = read.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(WebUi.BASE + "/api/v1/events/" + id))
                    .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            event = WebUi.JSON.readTree(response.body());
            etag = response.headers().firstValue("ETag").orElse(null);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        Page page = organizer.newPage();
        try {
            List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            Map<String, String> headers = new java.util.concurrent.ConcurrentHashMap<>();
            page.route("**/api/v1/events/" + id, route -> {
                if ("PUT".equals(route.request().method())) {
                    sent.add(route.request().postData());
                    headers.putAll(route.request().headers());
                    route.abort();
                }
                else {
                    route.resume();
                }
            });
            WebUi.load(page, "en", "#/organize/" + id + "/edit");
            assertThat(page.inputValue("input[name=name]")).isEqualTo(event.get("name").asString());
            assertThat(page.inputValue("input[name=tables]")).isEqualTo(event.get("tables").asString());
            assertThat(page.inputValue("input[name=slotMinutes]")).isEqualTo(event.get("slotMinutes").asString());
            assertThat(page.locator("fieldset.day").count()).isEqualTo(event.get("days").size());
            page.locator("#save-event").click();
            page.locator(".notice.error").waitFor();
            assertThat(sent).hasSize(1);
            JsonNode body = WebUi.JSON.readTree(sent.get(0));
            assertThat(body.get("name").asString()).isEqualTo(event.get("name").asString());
            assertThat(body.get("tables").asInt()).isEqualTo(event.get("tables").asInt());
            assertThat(body.get("days").size()).isEqualTo(event.get("days").size());
            assertThat(body.get("days").get(0).get("date").asString()).isEqualTo(event.get("days").get(0).get("date").asString());
            if (etag != null) {
                assertThat(headers.get("if-match")).isEqualTo(etag);
            }
            else {
                assertThat(headers).doesNotContainKey("if-match");
            }
        }
        finally {
            page.close();
        }
    }

    /** An event that can still be edited: the journey cancels the events it creates. */
    private static java.util.Optional<String> openEventId() {
        try {
            var list = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(WebUi.BASE + "/api/v1/events?size=100")).header("Accept", "application/json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            for (JsonNode item : WebUi.JSON.readTree(list.body()).path("items")) {
                if (!"CANCELLED".equals(item.path("status").asString())) {
                    return java.util.Optional.of(item.get("id").asString());
                }
            }
            return java.util.Optional.empty();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void check(BrowserContext context, Map<String, String> routes, String name, String lang) {
        Page page = context.newPage();
        try {
            List<String> errors = WebUi.watchErrors(page);
            WebUi.load(page, lang, routes.get(name));
            weights.put(name + "-" + lang, WebUi.checkPage(page, name, lang, errors));
        }
        finally {
            page.close();
        }
    }

    private static Stream<Arguments> everyLanguage(Map<String, String> routes) {
        List<Arguments> arguments = new ArrayList<>();
        routes.keySet().forEach(page -> WebUi.LANGS.forEach(lang -> arguments.add(Arguments.of(page, lang))));
        return arguments.stream();
    }
}
