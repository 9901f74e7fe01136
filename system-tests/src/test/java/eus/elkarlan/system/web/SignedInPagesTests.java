package eus.elkarlan.system.web;

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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

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
        WebUi.firstId("/api/v1/events?size=1").ifPresent(id -> {
            companyRoutes.put("event-as-company", "#/events/" + id);
            organizerRoutes.put("manage-event", "#/organize/" + id);
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
