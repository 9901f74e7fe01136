package eus.elkarlan.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class StaticFilesTests {

    private static final Path SOURCE = Path.of("src/main/resources/static");

    private final StaticFiles files = new StaticFiles("classpath:/static/");

    @Test
    void everyFileOfTheUiIsServedWhole() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(SOURCE)) {
            sources = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            String path = "/" + SOURCE.relativize(source).toString().replace('\\', '/');
            assertThat(files.find(path)).as(path).hasValueSatisfying(file -> {
                try {
                    assertThat(file.body()).isEqualTo(Files.readAllBytes(source));
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }
        assertThat(files.size()).isEqualTo(sources.size());
    }

    @Test
    void theShellAnswersTheRootAndUnknownPathsAreLeftToOthers() {
        assertThat(files.find("/")).map(StaticFiles.StaticFile::path).hasValue("/index.html");
        assertThat(files.find("/js/none.js")).isEmpty();
        assertThat(files.find("/swagger-ui.html")).isEmpty();
        assertThat(files.find("/api/v1/session")).isEmpty();
    }

    @Test
    void modulesStylesAndMessagesCarryTheirTypeInUtf8() {
        assertThat(files.find("/js/app.js").orElseThrow().mediaType().toString()).isEqualTo("text/javascript;charset=UTF-8");
        assertThat(files.find("/css/app.css").orElseThrow().mediaType().toString()).isEqualTo("text/css;charset=UTF-8");
        assertThat(files.find("/i18n/eu.json").orElseThrow().mediaType().toString()).isEqualTo("application/json;charset=UTF-8");
        assertThat(files.find("/index.html").orElseThrow().mediaType().toString()).isEqualTo("text/html;charset=UTF-8");
    }

    @Test
    void theEtagFollowsTheContent() {
        StaticFiles again = new StaticFiles("classpath:/static/");
        String app = files.find("/js/app.js").orElseThrow().etag();
        assertThat(again.find("/js/app.js").orElseThrow().etag()).isEqualTo(app);
        assertThat(files.find("/js/dom.js").orElseThrow().etag()).isNotEqualTo(app);
        assertThat(app).startsWith("\"").endsWith("\"");
    }
}
