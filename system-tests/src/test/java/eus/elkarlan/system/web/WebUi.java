package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitUntilState;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web UI as the browser suite sees it: Debian's chromium driven by Playwright (no browser download),
 * the gateway's address, the message files, axe-core for accessibility and the Performance API for weights.
 */
final class WebUi implements AutoCloseable {

    static final String BASE = System.getProperty("elkarlan.ui.url", "http://127.0.0.1:8080");
    static final Path STATIC = Path.of(System.getProperty("elkarlan.static", "../gateway/src/main/resources/static"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("elkarlan.screenshots", "target/screenshots"));
    static final List<String> LANGS = List.of("eu", "fr", "es", "en");
    /** HTML, CSS, JS, fonts (and the message file) of one page, uncompressed. */
    static final long PAGE_BUDGET_BYTES = 200 * 1024;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static String axeSource;

    private final Playwright playwright;
    final Browser browser;

    private WebUi(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static WebUi start() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("elkarlan.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(CHROMIUM_ARGS));
        return new WebUi(playwright, browser);
    }

    /** A fresh browser profile (cookies, storage, cache) whose preferred language is {@code locale}. */
    BrowserContext context(String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
                .setViewportSize(1280, 900).setAcceptDownloads(true));
        context.setDefaultTimeout(60_000); // a loaded two-core machine runs the whole platform meanwhile
        return context;
    }

    /** Errors the page reported: uncaught exceptions, console errors (a CSP refusal shows there). */
    static List<String> watchErrors(Page page) {
        return watchErrors(page, new CopyOnWriteArrayList<>());
    }

    static List<String> watchErrors(Page page, List<String> errors) {
        page.onPageError(errors::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("the server responded with a status of")) {
                errors.add(message.text());
            }
        });
        return errors;
    }

    /** Loads {@code /?lang=..#route} as a fresh document and waits until the route is drawn. */
    static void load(Page page, String lang, String route) {
        String url = BASE + "/" + (lang == null ? "" : "?lang=" + lang) + route;
        if (url.equals(page.url())) {
            page.reload(); // the same address again would only be a fragment navigation
        }
        else {
            // the route's drawing is what counts: no need to wait for every image
            page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED).setTimeout(60_000));
        }
        waitRendered(page, route);
    }

    /** Moves to another route inside the page (a hash change) and waits until it is drawn. */
    static void go(Page page, String route) {
        page.evaluate("route => { window.location.hash = route; }", route);
        waitRendered(page, route);
    }

    /**
     * Signs in through the UI's button and Keycloak's login form; a page whose session is already signed in
     * stays as it is. A minute for each step: the first sign-in after the stack started (Keycloak's
     * login theme, the gateway's first code exchange) took over 30 s once on two busy cores.
     */
    static void signIn(Page page, String username, String password) {
        load(page, null, "#/");
        if (page.locator("#sign-out").count() > 0) {
            return;
        }
        page.locator("#sign-in").click();
        page.waitForSelector("#username", new Page.WaitForSelectorOptions().setTimeout(60_000));
        page.fill("#username", username);
        page.fill("#password", password);
        page.locator("#kc-login").click();
        page.waitForSelector("#sign-out", new Page.WaitForSelectorOptions().setTimeout(60_000));
        page.waitForFunction("() => document.documentElement.dataset.rendered");
    }

    /** The first id of a public list of the API ({@code /api/v1/events}, {@code /api/v1/companies}), if any. */
    static java.util.Optional<String> firstId(String path) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(BASE + path)).timeout(java.time.Duration.ofSeconds(20))
                            .header("Accept", "application/json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return java.util.Optional.empty();
            }
            JsonNode items = JSON.readTree(response.body()).path("items");
            return items.isArray() && !items.isEmpty() ? java.util.Optional.of(items.get(0).get("id").asString())
                    : java.util.Optional.empty();
        }
        catch (IOException ex) {
            return java.util.Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    static void waitRendered(Page page, String route) {
        page.waitForFunction("route => document.documentElement.dataset.rendered === route", route,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** The serious and critical WCAG 2.1 A/AA violations axe-core finds in the page as it is now. */
    static List<String> seriousViolations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(axeSource()); // through the DevTools protocol: the page's CSP does not apply
        }
        String report = (String) page.evaluate("async () => {"
                + " const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });"
                + " return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + "   .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | ')));"
                + "}");
        List<String> violations = new ArrayList<>();
        JSON.readTree(report).forEach(v -> violations.add(v.asString()));
        return violations;
    }

    /** What the page loaded, from the Performance API: each resource's URL, kind and decoded (uncompressed) size. */
    static List<Resource> resources(Page page) {
        String json = (String) page.evaluate("() => JSON.stringify([performance.getEntriesByType('navigation')[0],"
                + " ...performance.getEntriesByType('resource')].map(e => ({ name: e.name, type: e.initiatorType || 'navigation',"
                + " size: e.decodedBodySize, transfer: e.transferSize })))");
        List<Resource> resources = new ArrayList<>();
        for (JsonNode node : JSON.readTree(json)) {
            resources.add(new Resource(node.get("name").asString(), node.get("type").asString(), node.get("size").asLong(),
                    node.get("transfer").asLong()));
        }
        return resources;
    }

    record Resource(String url, String type, long size, long transfer) {

        /** A file of the UI itself (page, style, script, font, icon, messages) rather than data from the API. */
        boolean isUiAsset() {
            return !URI.create(url).getPath().startsWith("/api/");
        }

        boolean sameOrigin() {
            return url.startsWith(BASE);
        }
    }

    /** The message file of a language, as the UI loads it. */
    static JsonNode messages(String lang) {
        try {
            return JSON.readTree(Files.readString(STATIC.resolve("i18n").resolve(lang + ".json"), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static synchronized String axeSource() {
        if (axeSource == null) {
            try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath");
                }
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return axeSource;
    }

    /**
     * Asserts what every page must be: in one language, accessible (no serious or critical axe violation), under
     * the weight budget, loading nothing from elsewhere, without script error or CSP refusal. Saves a screenshot;
     * answers the CSV row of its weight.
     */
    static String checkPage(Page page, String name, String lang, List<String> errors) {
        assertThat(page.getAttribute("html", "lang")).isEqualTo(lang);
        assertThat(page.locator("main h1").first().isVisible()).isTrue();
        assertThat(page.title()).isNotBlank();
        assertThat(otherLanguagesOnPage(page, lang)).as("texts of other languages on the %s page", lang).isEmpty();
        assertThat(untranslatedKeys(page)).as("message keys shown instead of texts").isEmpty();
        assertThat(calendarLeaks(page, lang)).as("dates written in another language or without locale data").isEmpty();

        screenshot(page, name + "-" + lang);
        assertThat(seriousViolations(page)).as("serious or critical axe violations").isEmpty();

        List<Resource> resources = resources(page);
        assertThat(resources).allSatisfy(r -> assertThat(r.sameOrigin()).as(r.url()).isTrue());
        long uiBytes = resources.stream().filter(Resource::isUiAsset).mapToLong(Resource::size).sum();
        long apiBytes = resources.stream().filter(r -> !r.isUiAsset()).mapToLong(Resource::size).sum();
        assertThat(uiBytes).as("bytes of HTML, CSS, JS and messages").isPositive().isLessThan(PAGE_BUDGET_BYTES);
        assertThat(errors).as("script errors or CSP refusals").isEmpty();
        return name + "," + lang + "," + uiBytes + "," + apiBytes + "," + resources.size();
    }

    /** Texts of the other languages' message files that show on the page outside elements marked with their language. */
    private static List<String> otherLanguagesOnPage(Page page, String lang) {
        JsonNode own = messages(lang);
        List<String> foreign = new ArrayList<>();
        for (String other : LANGS) {
            if (other.equals(lang)) {
                continue;
            }
            messages(other).properties().forEach(entry -> {
                String text = entry.getValue().asString();
                JsonNode mine = own.get(entry.getKey());
                // phrases only: a single word ("Distribuidor") may be a proper noun or a quoted title
                if (text.length() >= 12 && text.contains(" ") && !text.contains("{") && (mine == null || !mine.asString().equals(text))) {
                    foreign.add(text);
                }
            });
        }
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate("args => {"
                + " const clone = document.body.cloneNode(true);"
                + " clone.querySelectorAll('[lang]').forEach(e => { if (e.getAttribute('lang') !== args.lang) e.remove(); });"
                + " const text = clone.textContent;"
                + " return args.strings.filter(s => text.includes(s)); }",
                Map.of("lang", lang, "strings", foreign));
        return found;
    }

    /**
     * English month or day names on a page in another language, or the "M06" a browser writes for a locale it has
     * no data for: dates must be in the page's language.
     */
    static List<String> calendarLeaks(Page page, String lang) {
        String text = (String) page.evaluate("lang => { const clone = document.body.cloneNode(true);"
                + " clone.querySelectorAll('[lang]').forEach(e => { if (e.getAttribute('lang') !== lang) e.remove(); });"
                + " return clone.textContent; }", lang);
        List<String> leaks = new ArrayList<>();
        java.util.regex.Matcher root = java.util.regex.Pattern.compile("\\bM(0[1-9]|1[0-2])\\b").matcher(text);
        while (root.find()) {
            leaks.add(root.group());
        }
        if (!"en".equals(lang)) {
            java.util.regex.Matcher english = java.util.regex.Pattern.compile("\\b(January|February|March|April|June|July|August"
                    + "|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                    + "),? ").matcher(text);
            while (english.find()) {
                leaks.add(english.group());
            }
        }
        return leaks;
    }

    private static List<String> untranslatedKeys(Page page) {
        String text = page.locator("body").innerText();
        List<String> keys = new ArrayList<>();
        messages("en").properties().forEach(entry -> {
            if (entry.getKey().contains(".") && text.contains(entry.getKey())) {
                keys.add(entry.getKey());
            }
        });
        return keys;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
