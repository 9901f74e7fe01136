package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import tools.jackson.databind.JsonNode;

/**
 * Editing an event in the browser, saved for real: the organizer changes the name, the venue and the number of
 * tables, saves (PUT with the read's ETag as If-Match), reloads and finds the new values; a second tab that read the
 * event before that save is refused (412) and says so in its own language, offering the latest version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventEditingTests {

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private WebUi ui;
    private BrowserContext organizer;

    @BeforeAll
    void start() {
        ui = WebUi.start();
        organizer = ui.context("eu-ES");
    }

    @AfterAll
    void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void anEditIsSavedAndAStaleTabIsToldInItsLanguage() {
        Page first = organizer.newPage();
        List<String> errors = WebUi.watchErrors(first);
        WebUi.signIn(first, "demo-organizer", "demo");
        WebUi.load(first, "eu", "#/organize/new");
        first.fill("input[name=name]", "Aldatzeko proba " + run);
        first.fill("input[name=tables]", "6");
        first.locator("#create-event").click();
        first.waitForFunction("() => /^#\\/organize\\/(?!new$)[^/]+$/.test(location.hash)"
                + " && document.documentElement.dataset.rendered === location.hash");
        String eventId = ((String) first.evaluate("() => location.hash")).substring("#/organize/".length());
        String editRoute = "#/organize/" + eventId + "/edit";

        // a second tab reads the event now, in French, and keeps its form open
        Page stale = organizer.newPage();
        errors.addAll(WebUi.watchErrors(stale));
        WebUi.load(stale, "fr", editRoute);
        assertThat(stale.inputValue("input[name=name]")).isEqualTo("Aldatzeko proba " + run);

        // the first tab edits and saves: the page goes back to managing the event
        WebUi.load(first, "eu", editRoute);
        first.fill("input[name=name]", "Aldatutako proba " + run);
        first.fill("input[name='venue.name']", "Bidart Topagunea");
        first.fill("input[name='venue.city']", "Bidarte");
        first.fill("input[name=tables]", "9");
        first.locator("#save-event").click();
        WebUi.waitRendered(first, "#/organize/" + eventId);

        // a reload shows what was stored, in the form and in the service
        WebUi.load(first, "eu", editRoute);
        assertThat(first.inputValue("input[name=name]")).isEqualTo("Aldatutako proba " + run);
        assertThat(first.inputValue("input[name='venue.name']")).isEqualTo("Bidart Topagunea");
        assertThat(first.inputValue("input[name='venue.city']")).isEqualTo("Bidarte");
        assertThat(first.inputValue("input[name=tables]")).isEqualTo("9");
        JsonNode stored = Platform.json(Platform.call("GET", "/api/v1/events/" + eventId,
                Platform.userToken("demo-organizer", "demo"), null), 200);
        assertThat(stored.get("name").asString()).isEqualTo("Aldatutako proba " + run);
        assertThat(stored.get("venue").get("name").asString()).isEqualTo("Bidart Topagunea");
        assertThat(stored.get("tables").asInt()).isEqualTo(9);
        WebUi.screenshot(first, "edit-1-saved-eu");

        // the stale tab's save is refused: the 412 message in French, a link to the latest version
        JsonNode fr = WebUi.messages("fr");
        stale.fill("input[name=name]", "Version périmée " + run);
        stale.locator("#save-event").click();
        Locator refusal = stale.locator("#event-form .notice.error");
        refusal.waitFor();
        assertThat(refusal.textContent().trim()).isEqualTo(fr.get("error.412").asString());
        Locator reload = stale.getByText(fr.get("edit.reload").asString());
        assertThat(reload.count()).isEqualTo(1);
        WebUi.screenshot(stale, "edit-2-stale-fr");
        reload.click();
        stale.waitForFunction("name => document.querySelector('input[name=name]')"
                + " && document.querySelector('input[name=name]').value === name", "Aldatutako proba " + run);
        assertThat(stale.inputValue("input[name=tables]")).isEqualTo("9");
        assertThat(Platform.json(Platform.call("GET", "/api/v1/events/" + eventId,
                Platform.userToken("demo-organizer", "demo"), null), 200).get("name").asString())
                .as("the stale save changed nothing").isEqualTo("Aldatutako proba " + run);

        assertThat(errors).as("script errors or CSP refusals").isEmpty();
        Platform.json(Platform.call("POST", "/api/v1/events/" + eventId + "/cancel",
                Platform.userToken("demo-organizer", "demo"), null), 200);
    }
}
