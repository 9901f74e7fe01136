package eus.elkarlan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The UI's files as the gateway serves them: complete translations, nothing the CSP would refuse, a small weight. */
class UiFilesTests {

    private static final Pattern KEY_IN_SCRIPT = Pattern.compile("\\b(?:t|has)\\('([^']+)'");
    private static final Pattern KEY_IN_SHELL = Pattern.compile("data-i18n(?:-label)?=\"([^\"]+)\"");

    @Test
    void everyLanguageHasEveryTextTheScriptsUse() throws IOException {
        Set<String> english = keys("en");
        assertThat(english).hasSizeGreaterThan(300);
        for (String lang : WebUi.LANGS) {
            assertThat(keys(lang)).as("keys of %s.json", lang).isEqualTo(english);
            WebUi.messages(lang).properties().forEach(entry -> assertThat(entry.getValue().asString())
                    .as("%s in %s", entry.getKey(), lang).isNotBlank());
        }
        Set<String> used = new TreeSet<>();
        for (Path script : scripts()) {
            collect(KEY_IN_SCRIPT, Files.readString(script), used);
        }
        collect(KEY_IN_SHELL, Files.readString(WebUi.STATIC.resolve("index.html")), used);
        assertThat(used).hasSizeGreaterThan(250);
        assertThat(english).containsAll(used);
    }

    @Test
    void nothingNeedsInlineScriptInlineStyleOrEval() throws IOException {
        String shell = Files.readString(WebUi.STATIC.resolve("index.html"));
        assertThat(shell).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
        Pattern forbidden = Pattern.compile("\\beval\\(|new Function|\\.innerHTML|\\.outerHTML|document\\.write|insertAdjacentHTML"
                + "|setAttribute\\('style'|\\.style\\.cssText");
        List<String> found = new ArrayList<>();
        for (Path script : scripts()) {
            Matcher matcher = forbidden.matcher(Files.readString(script));
            while (matcher.find()) {
                found.add(script.getFileName() + ": " + matcher.group());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void evenAPageLoadingEveryScriptStaysUnderTheBudget() throws IOException {
        long shell = Files.size(WebUi.STATIC.resolve("index.html")) + Files.size(WebUi.STATIC.resolve("favicon.svg"))
                + Files.size(WebUi.STATIC.resolve("css/app.css"));
        long scripts = 0;
        for (Path script : scripts()) {
            scripts += Files.size(script);
        }
        long largestMessages = 0;
        for (String lang : WebUi.LANGS) {
            largestMessages = Math.max(largestMessages, Files.size(WebUi.STATIC.resolve("i18n/" + lang + ".json")));
        }
        long total = shell + scripts + largestMessages;
        System.out.printf("UI files: shell+css+icon %d B, scripts %d B, largest messages %d B, total %d B%n", shell, scripts,
                largestMessages, total);
        assertThat(total).isLessThan(WebUi.PAGE_BUDGET_BYTES);
        try (Stream<Path> files = Files.walk(WebUi.STATIC)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("no web font").noneMatch(name -> name.matches(".*\\.(woff2?|ttf|otf|eot)"));
        }
    }

    private static Set<String> keys(String lang) {
        Set<String> keys = new TreeSet<>();
        WebUi.messages(lang).properties().forEach(entry -> keys.add(entry.getKey()));
        return keys;
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(WebUi.STATIC.resolve("js"))) {
            List<Path> scripts = new ArrayList<>(files.filter(p -> p.toString().endsWith(".js")).toList());
            assertThat(scripts).isNotEmpty();
            return scripts;
        }
    }
}
