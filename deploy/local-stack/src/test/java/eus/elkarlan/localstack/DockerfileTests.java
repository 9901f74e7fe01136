package eus.elkarlan.localstack;

import static eus.elkarlan.localstack.RepositoryFiles.SERVICE_PORTS;
import static eus.elkarlan.localstack.RepositoryFiles.list;
import static eus.elkarlan.localstack.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The services' images, checked statically (no Docker engine here): a Maven + JDK 17 build stage,
 * a glibc-based JRE 17 runtime (OR-Tools' native library needs glibc), a non-root user, the Spring
 * Boot layers copied least-changing first, a health check, the service's port and a JVM sized for
 * the container.
 */
class DockerfileTests {

    static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
            "application");

    static Stream<String> modules() {
        return SERVICE_PORTS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void buildsTheModuleWithMavenOnJdk17AndExtractsItsLayers(String module) {
        Dockerfile dockerfile = Dockerfile.of(module);
        List<Instruction> build = dockerfile.stages().get(0);
        String from = build.get(0).arguments();
        assertThat(from).matches("maven:\\S*eclipse-temurin-17\\S* (?i:as) build");

        String runs = build.stream().filter(instruction -> instruction.is("RUN")).map(Instruction::arguments)
                .reduce("", (a, b) -> a + "\n" + b);
        assertThat(runs)
                .contains("mvn -B ")
                .contains(" -pl " + module + " -am ")
                .contains(" -DskipTests package")
                .contains("cp " + module + "/target/" + module + ".jar ")
                .contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
        // the jar the build copies is the one the module's pom names
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve(module + "/pom.xml")))
                .contains("<finalName>${project.artifactId}</finalName>")
                .contains("<artifactId>" + module + "</artifactId>");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void runsOnAGlibcBasedJre17(String module) {
        String image = Dockerfile.of(module).runtime().get(0).arguments().toLowerCase(Locale.ROOT);
        assertThat(image).startsWith("eclipse-temurin:17-jre");
        assertThat(image).doesNotContain("alpine").doesNotContain("musl").doesNotContain("jdk");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void runsAsAnUnprivilegedUser(String module) {
        List<Instruction> runtime = Dockerfile.of(module).runtime();
        List<String> users = runtime.stream().filter(instruction -> instruction.is("USER")).map(Instruction::arguments)
                .toList();
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).isNotIn("root", "0");
        if (user.chars().allMatch(Character::isDigit)) {
            assertThat(runtime).as("the runtime stage creates the user %s", user)
                    .anyMatch(instruction -> instruction.is("RUN") && instruction.arguments().contains("--uid " + user));
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void copiesTheSpringBootLayersLeastChangingFirst(String module) {
        List<String> copied = Dockerfile.of(module).runtime().stream()
                .filter(instruction -> instruction.is("COPY") && instruction.arguments().startsWith("--from=build "))
                .map(instruction -> instruction.arguments().split("\\s+")[1])
                .toList();
        assertThat(copied).containsExactlyElementsOf(
                LAYERS.stream().map(layer -> "/layers/extracted/" + layer + "/").toList());
    }

    @ParameterizedTest
    @MethodSource("modules")
    void exposesTheServicePortAndChecksItsHealthThere(String module) {
        int port = SERVICE_PORTS.get(module);
        Map<String, Object> application = RepositoryFiles.yaml(
                RepositoryFiles.resolve(module + "/src/main/resources/application.yml"));
        assertThat(map(application.get("server")).get("port")).as("server.port of %s", module).isEqualTo(port);

        List<Instruction> runtime = Dockerfile.of(module).runtime();
        assertThat(runtime).filteredOn(instruction -> instruction.is("EXPOSE"))
                .extracting(Instruction::arguments)
                .containsExactly(String.valueOf(port));
        List<String> healthchecks = runtime.stream().filter(instruction -> instruction.is("HEALTHCHECK"))
                .map(Instruction::arguments).toList();
        assertThat(healthchecks).hasSize(1);
        assertThat(healthchecks.get(0))
                .contains("CMD ")
                .contains("/127.0.0.1/" + port + " ")
                .contains("GET /actuator/health ");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void sizesTheJvmFromTheContainerMemoryAndStartsTheSpringBootLauncher(String module) {
        List<Instruction> runtime = Dockerfile.of(module).runtime();
        assertThat(runtime).filteredOn(instruction -> instruction.is("ENV"))
                .extracting(Instruction::arguments)
                .anySatisfy(env -> assertThat(env)
                        .startsWith("JAVA_TOOL_OPTIONS=")
                        .contains("-XX:MaxRAMPercentage=")
                        .doesNotContain("-Xmx"));
        List<Instruction> entrypoints = runtime.stream().filter(instruction -> instruction.is("ENTRYPOINT")).toList();
        assertThat(entrypoints).hasSize(1);
        List<Object> entrypoint = list(new Yaml().load(entrypoints.get(0).arguments()));
        assertThat(entrypoint).containsExactly("java", "org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void theFiveDockerfilesDifferOnlyInModuleAndPort() {
        List<String> normalised = modules()
                .map(module -> RepositoryFiles.read(RepositoryFiles.resolve(module + "/Dockerfile"))
                        .replace(module, "MODULE")
                        .replace(String.valueOf(SERVICE_PORTS.get(module)), "PORT"))
                .distinct()
                .toList();
        assertThat(normalised).hasSize(1);
    }

    @Test
    void theBuildContextLeavesOutBuildOutputButKeepsTheSources() {
        List<String> patterns = RepositoryFiles.read(RepositoryFiles.resolve(".dockerignore")).lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(patterns).contains(".git", "**/target/");
        assertThat(patterns).noneMatch(pattern -> pattern.contains("pom.xml") || pattern.contains("src")
                || pattern.equals("*") || pattern.equals("deploy") || pattern.startsWith("!"));
    }

    // ----------------------------------------------------------------------------------------------

    record Instruction(String keyword, String arguments) {

        boolean is(String name) {
            return keyword.equals(name);
        }
    }

    /** A Dockerfile as instructions (continuation lines joined, comments dropped), split into stages. */
    record Dockerfile(List<List<Instruction>> stages) {

        static Dockerfile of(String module) {
            List<List<Instruction>> stages = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String line : RepositoryFiles.read(RepositoryFiles.resolve(module + "/Dockerfile")).split("\n")) {
                String trimmed = line.trim();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                pending.append(trimmed);
                String text = pending.toString().trim();
                pending.setLength(0);
                int space = text.indexOf(' ');
                Instruction instruction = new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).trim().replaceAll("\\s+", " "));
                if (instruction.is("FROM")) {
                    stages.add(new ArrayList<>());
                }
                assertThat(stages).as("%s/Dockerfile starts with FROM", module).isNotEmpty();
                stages.get(stages.size() - 1).add(instruction);
            }
            assertThat(stages).as("stages of %s/Dockerfile", module).hasSize(2);
            return new Dockerfile(stages);
        }

        List<Instruction> runtime() {
            return stages.get(stages.size() - 1);
        }
    }
}
