package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
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
import com.microsoft.playwright.Response;


/**
 * Every public page in every language, as a visitor's browser gets it: in one language only, with no serious
 * accessibility violation (axe-core, WCAG 2.1 A/AA), under the weight budget, with no script error or CSP refusal.
 * Screenshots land in target/screenshots, the weights in target/screenshots/page-weights-public.csv.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPagesTests {

    private WebUi ui;
    private final Map<String, String> routes = new LinkedHashMap<>();
    private final Map<String, String> weights = new ConcurrentSkipListMap<>();

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(WebUi.SCREENSHOTS);
        ui = WebUi.start();
        routes.put("home", "#/");
        routes.put("directory", "#/directory");
        WebUi.firstId("/api/v1/companies?size=1").ifPresent(id -> routes.put("company", "#/companies/" + id));
        routes.put("open-data", "#/open-data");
        routes.put("events", "#/events");
        WebUi.firstId("/api/v1/events?size=1").ifPresent(id -> routes.put("event", "#/events/" + id));
    }

    @AfterAll
    void stop() throws IOException {
        if (ui != null) {
            ui.close();
        }
        StringBuilder csv = new StringBuilder("page,lang,uiBytes,apiBytes,requests\n");
        weights.forEach((key, row) -> csv.append(row).append('\n'));
        Files.writeString(WebUi.SCREENSHOTS.resolve("page-weights-public.csv"), csv);
        System.out.print("Page weights (decoded bytes):\n" + csv);
    }

    Stream<Arguments> pagesInEveryLanguage() {
        List<Arguments> arguments = new ArrayList<>();
        routes.keySet().forEach(page -> WebUi.LANGS.forEach(lang -> arguments.add(Arguments.of(page, lang))));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("pagesInEveryLanguage")
    void publicPageSpeaksOneLanguageIsAccessibleAndLight(String name, String lang) {
        try (BrowserContext context = ui.context(lang)) {
            Page page = context.newPage();
            List<String> errors = WebUi.watchErrors(page);
            WebUi.load(page, lang, routes.get(name));

            weights.put(name + "-" + lang, WebUi.checkPage(page, name, lang, errors));
        }
    }

    @Test
    void languageFollowsTheBrowserThenTheSwitcherAndIsRemembered() {
        try (BrowserContext context = ui.context("fr-FR")) {
            Page page = context.newPage();
            WebUi.load(page, null, "#/");
            assertThat(page.getAttribute("html", "lang")).isEqualTo("fr");
            assertThat(page.locator("#sign-in").textContent()).isEqualTo(WebUi.messages("fr").get("auth.signIn").asString());

            page.selectOption("#lang-select", "eu");
            page.waitForFunction("() => document.documentElement.lang === 'eu' && document.documentElement.dataset.rendered");
            assertThat(page.locator("main h1").textContent()).isEqualTo(WebUi.messages("eu").get("home.title").asString());

            page.reload();
            WebUi.waitRendered(page, "#/");
            assertThat(page.getAttribute("html", "lang")).isEqualTo("eu");
            assertThat(page.locator("#site-nav a[href='#/directory']").textContent())
                    .isEqualTo(WebUi.messages("eu").get("nav.directory").asString());
        }
    }

    @Test
    void anAnswerThatNeverCompletesIsAskedOnceMoreAndThePageStillAppears() {
        try (BrowserContext context = ui.context("eu")) {
            AtomicInteger asked = new AtomicInteger();
            // the first request for the statistics is left unanswered, as a stalled connection would be
            context.route("**/api/v1/open-data/stats*", route -> {
                if (asked.getAndIncrement() > 0) {
                    route.resume();
                }
            });
            Page page = context.newPage();
            WebUi.load(page, "eu", "#/open-data");
            assertThat(asked.get()).as("requests for the statistics").isEqualTo(2);
            assertThat(page.locator("main figure").count()).as("charts drawn from the second answer").isPositive();
        }
    }

    @Test
    void keyboardReachesTheSkipLinkFirstAndItLeadsToTheMainContent() {
        try (BrowserContext context = ui.context("en")) {
            Page page = context.newPage();
            WebUi.load(page, "en", "#/directory");
            page.keyboard().press("Tab");
            assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("skip-link");
            assertThat(page.locator("#skip-link").isVisible()).isTrue();
            assertThat(page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
            page.keyboard().press("Enter");
            assertThat(page.evaluate("() => document.activeElement.closest('main') !== null")).isEqualTo(true);
        }
    }

    @Test
    void phoneShowsThePublicPagesWithoutSidewaysScrolling() {
        try (BrowserContext context = ui.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("eu").setViewportSize(360, 740).setIsMobile(true).setHasTouch(true))) {
            Page page = context.newPage();
            for (Map.Entry<String, String> route : routes.entrySet()) {
                WebUi.load(page, "eu", route.getValue());
                assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))
                        .as("%s fits a 360 px wide screen", route.getKey()).isTrue();
                if (route.getKey().equals("home") || route.getKey().equals("directory")) {
                    WebUi.screenshot(page, "phone-" + route.getKey() + "-eu");
                }
            }
        }
    }

    @Test
    void directoryFiltersByTerritoryThroughTheAddress() {
        try (BrowserContext context = ui.context("es")) {
            Page page = context.newPage();
            WebUi.load(page, "es", "#/directory");
            page.selectOption("select[name=territory]", "LAPURDI");
            page.locator("form[role=search] button[type=submit]").click();
            WebUi.waitRendered(page, "#/directory?territory=LAPURDI");
            assertThat(page.locator("#results [role=status]").textContent()).isNotBlank();
            assertThat(page.inputValue("select[name=territory]")).isEqualTo("LAPURDI");
        }
    }

    @Test
    void gatewayServesTheUiWithAContentSecurityPolicyThatForbidsInlineScripts() {
        try (BrowserContext context = ui.context("en")) {
            Page page = context.newPage();
            Response response = page.navigate(WebUi.BASE + "/");
            String csp = response.headers().get("content-security-policy");
            assertThat(csp).as("Content-Security-Policy header").isNotNull();
            assertThat(csp).doesNotContain("'unsafe-inline'", "'unsafe-eval'");
        }
    }
}
