package eus.elkarlan.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files as the Docker tests read them: found from the working directory
 * (Maven runs a module's tests in the module's folder, an IDE perhaps at the root), never from a
 * fixed path.
 */
final class RepositoryFiles {

    /** The five services: module folder and the port its application.yml sets. */
    static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "gateway", 8080,
            "company-service", 8081,
            "matching-service", 8082,
            "event-service", 8083,
            "notification-service", 8084);

    private static Path root;

    private RepositoryFiles() {
    }

    /** The folder holding docker-compose.yml next to the reactor's root pom (artifactId elkarlan). */
    static synchronized Path root() {
        if (root == null) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && isReactorRoot(dir.resolve("pom.xml"))) {
                    root = dir;
                    return root;
                }
            }
            throw new IllegalStateException("no docker-compose.yml beside the elkarlan root pom.xml above "
                    + Path.of("").toAbsolutePath());
        }
        return root;
    }

    private static boolean isReactorRoot(Path pom) {
        return Files.isRegularFile(pom) && read(pom).contains("<artifactId>elkarlan</artifactId>");
    }

    static Path resolve(String relativePath) {
        return root().resolve(relativePath);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Parses a YAML (or JSON) file; anchors and merge keys are resolved as Docker Compose does. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        // a Spring configuration file may hold several documents (profiles): the first is the default
        return (Map<String, Object>) new Yaml(new LoaderOptions()).loadAll(read(file)).iterator().next();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
