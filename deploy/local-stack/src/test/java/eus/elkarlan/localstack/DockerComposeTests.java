package eus.elkarlan.localstack;

import static eus.elkarlan.localstack.RepositoryFiles.SERVICE_PORTS;
import static eus.elkarlan.localstack.RepositoryFiles.list;
import static eus.elkarlan.localstack.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked as data: the parts of the
 * platform, their health checks and start order, what the host can reach, and that Keycloak imports
 * the realm the local stack uses, so that both ways of running Elkarlan issue the same tokens.
 */
class DockerComposeTests {

    static final Set<String> INFRASTRUCTURE = Set.of("kafka", "mongodb", "keycloak", "mail");

    static Map<String, Object> compose;
    static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() {
        compose = RepositoryFiles.yaml(RepositoryFiles.resolve("docker-compose.yml"));
        services = map(compose.get("services"));
    }

    @Test
    void declaresEveryPartOfThePlatform() {
        assertThat(services).containsOnlyKeys("kafka", "mongodb", "keycloak", "mail", "gateway", "company-service",
                "matching-service", "event-service", "notification-service");
    }

    @Test
    void everyContainerHasAHealthCheck() {
        services.forEach((name, definition) -> {
            Map<String, Object> healthcheck = map(map(definition).get("healthcheck"));
            assertThat(healthcheck).as("healthcheck of %s", name).isNotNull();
            assertThat(healthcheck.get("disable")).as("%s disables its health check", name).isNotEqualTo(true);
            List<Object> test = list(healthcheck.get("test"));
            assertThat(test).as("health check command of %s", name).hasSizeGreaterThan(1);
            assertThat(test.get(0)).as("%s", name).isIn("CMD", "CMD-SHELL");
        });
    }

    @Test
    void theFiveServicesAreBuiltFromTheirOwnDockerfileWithTheRepositoryAsContext() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> build = map(service(name).get("build"));
            assertThat(build).as("build of %s", name).isNotNull();
            assertThat(Path.of(String.valueOf(build.get("context"))).normalize().toString()).as("context of %s", name)
                    .isEmpty();
            assertThat(build.get("dockerfile")).as("dockerfile of %s", name).isEqualTo(name + "/Dockerfile");
            assertThat(RepositoryFiles.resolve(name + "/Dockerfile")).as("Dockerfile of %s", name).isRegularFile();
        });
        INFRASTRUCTURE.forEach(name -> assertThat(service(name)).as(name).containsKey("image").doesNotContainKey("build"));
    }

    @Test
    void theServicesHealthChecksAskTheActuatorOnTheirOwnPort() {
        SERVICE_PORTS.forEach((name, port) -> assertThat(healthCommand(name))
                .as("health check of %s", name)
                .contains("/127.0.0.1/" + port + " ")
                .contains("GET /actuator/health ")
                .contains(" 200 "));
    }

    @Test
    void theFiveServicesStartOnlyOnceKafkaAndMongoDbAreHealthy() {
        SERVICE_PORTS.keySet().forEach(name -> assertThat(dependencies(name))
                .as("depends_on of %s", name)
                .containsEntry("kafka", "service_healthy")
                .containsEntry("mongodb", "service_healthy"));
    }

    @Test
    void everyDependencyWaitsForAHealthyContainerOfThisFile() {
        services.keySet().forEach(name -> dependencies(name).forEach((dependency, condition) -> {
            assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
            assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo("service_healthy");
            assertThat(service(dependency)).as("%s, awaited by %s", dependency, name).containsKey("healthcheck");
        }));
    }

    @Test
    void theGatewayStartsLastAndRoutesToTheServicesInsideTheNetwork() {
        Map<String, Object> gateway = service("gateway");
        assertThat(dependencies("gateway")).containsKeys("keycloak", "company-service", "matching-service",
                "event-service", "notification-service");
        Map<String, Object> environment = map(gateway.get("environment"));
        assertThat(environment)
                .containsEntry("ELKARLAN_SERVICES_COMPANY", "http://company-service:8081")
                .containsEntry("ELKARLAN_SERVICES_MATCHING", "http://matching-service:8082")
                .containsEntry("ELKARLAN_SERVICES_EVENT", "http://event-service:8083")
                .containsEntry("ELKARLAN_SERVICES_NOTIFICATION", "http://notification-service:8084");
    }

    @Test
    void theHostReachesOnlyTheGatewayKeycloakAndTheMailUiOnTheLoopback() {
        Map<Integer, String> published = new LinkedHashMap<>();
        services.forEach((name, definition) -> {
            Object ports = map(definition).get("ports");
            if (ports != null) {
                for (Object port : list(ports)) {
                    PublishedPort parsed = PublishedPort.of(port);
                    assertThat(parsed.hostIp()).as("host address of %s", port).isEqualTo("127.0.0.1");
                    published.put(parsed.hostPort(), name + ":" + parsed.containerPort());
                }
            }
        });
        assertThat(published).containsOnly(
                Map.entry(8080, "gateway:8080"),
                Map.entry(8180, "keycloak:8080"),
                Map.entry(8025, "mail:8025"));
    }

    @Test
    void keycloakImportsTheSameLocalRealmFileAsTheLocalStack() {
        Map<String, Object> keycloak = service("keycloak");
        assertThat(String.valueOf(keycloak.get("image"))).startsWith("quay.io/keycloak/keycloak:");
        assertThat(list(keycloak.get("command"))).contains("start-dev", "--import-realm");

        List<String[]> mounts = list(keycloak.get("volumes")).stream()
                .map(String::valueOf)
                .map(volume -> volume.split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].startsWith("/opt/keycloak/data/import/"))
                .toList();
        assertThat(mounts).as("realm files mounted into Keycloak's import folder").hasSize(1);
        String source = mounts.get(0)[0];
        assertThat(source).isEqualTo("./deploy/keycloak/elkarlan-realm-local.json");
        assertThat(mounts.get(0)[1]).endsWith(".json");
        Path realmFile = RepositoryFiles.resolve(source);
        assertThat(realmFile).isRegularFile();

        // the local stack imports this very file
        Path launcher = RepositoryFiles.resolve("deploy/local-stack/src/main/java/eus/elkarlan/localstack/LocalStack.java");
        assertThat(RepositoryFiles.read(launcher)).contains("\"" + source.replaceFirst("^\\./", "") + "\"");
    }

    @Test
    void theServicesTrustTheIssuerOfTheRealmAndFetchItsKeysInsideTheNetwork() {
        Map<String, Object> realm = RepositoryFiles.yaml(RepositoryFiles.resolve("deploy/keycloak/elkarlan-realm-local.json"));
        String frontendUrl = String.valueOf(map(realm.get("attributes")).get("frontendUrl"));
        String issuer = frontendUrl + "/realms/" + realm.get("realm");
        assertThat(URI.create(frontendUrl).getPort())
                .as("the realm's frontend URL is the port Keycloak is published on")
                .isEqualTo(8180);

        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> environment = map(service(name).get("environment"));
            assertThat(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).as(name).isEqualTo(issuer);
            URI jwkSet = URI.create(String.valueOf(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI")));
            assertThat(jwkSet.getHost()).as(name).isEqualTo("keycloak");
            assertThat(jwkSet.getPort()).as(name).isEqualTo(8080);
            assertThat(jwkSet.getPath()).as(name).isEqualTo("/realms/" + realm.get("realm") + "/protocol/openid-connect/certs");
        });
    }

    @Test
    void kafkaRunsInKraftModeWithoutZooKeeper() {
        Map<String, Object> kafka = service("kafka");
        Map<String, Object> environment = map(kafka.get("environment"));
        assertThat(String.valueOf(environment.get("KAFKA_PROCESS_ROLES")).split(","))
                .containsExactlyInAnyOrder("broker", "controller");
        assertThat(environment).containsKeys("CLUSTER_ID", "KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS",
                "KAFKA_CONTROLLER_LISTENER_NAMES");
        assertThat(environment).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(environment.keySet()).noneMatch(key -> key.contains("ZOOKEEPER"));
        assertThat(services.keySet()).noneMatch(name -> name.contains("zookeeper"));
        services.values().forEach(definition ->
                assertThat(String.valueOf(map(definition).get("image"))).doesNotContain("zookeeper"));

        // the services bootstrap from the listener the broker advertises
        String advertised = String.valueOf(environment.get("KAFKA_ADVERTISED_LISTENERS"));
        SERVICE_PORTS.keySet().forEach(name -> assertThat(advertised).as(name)
                .contains("://" + map(service(name).get("environment")).get("SPRING_KAFKA_BOOTSTRAP_SERVERS")));
    }

    @Test
    void mongoDbIsAReplicaSetOfOneThatTheServicesReachAsSuch() {
        Map<String, Object> mongodb = service("mongodb");
        assertThat(String.valueOf(mongodb.get("image"))).startsWith("mongo:");
        List<Object> command = list(mongodb.get("command"));
        assertThat(command).containsSequence("--replSet", "rs0");
        assertThat(healthCommand("mongodb")).contains("rs.initiate(", "_id: 'rs0'", "host: 'mongodb:27017'",
                "isWritablePrimary");
        SERVICE_PORTS.keySet().forEach(name -> assertThat(map(service(name).get("environment")))
                .as(name)
                .containsEntry("SPRING_MONGODB_URI", "mongodb://mongodb:27017/?replicaSet=rs0"));
    }

    @Test
    void theNotificationServiceSendsItsMailsToTheMailCatcher() {
        Map<String, Object> environment = map(service("notification-service").get("environment"));
        assertThat(environment).containsEntry("SPRING_MAIL_HOST", "mail");
        assertThat(String.valueOf(environment.get("SPRING_MAIL_PORT"))).isEqualTo("1025");
        assertThat(dependencies("notification-service")).containsEntry("mail", "service_healthy");
    }

    @Test
    void theServicesRunWithTheirDemoData() {
        SERVICE_PORTS.keySet().forEach(name -> assertThat(map(service(name).get("environment")))
                .as(name)
                .containsEntry("SPRING_PROFILES_ACTIVE", "demo"));
    }

    @Test
    void everyContainerHasAMemoryLimitAndTogetherTheyFitInSixGibibytes() {
        long total = 0;
        for (String name : services.keySet()) {
            Object limit = service(name).get("mem_limit");
            assertThat(limit).as("mem_limit of %s", name).isNotNull();
            long bytes = bytes(String.valueOf(limit));
            assertThat(bytes).as("mem_limit of %s", name).isGreaterThanOrEqualTo(64L << 20);
            total += bytes;
        }
        // the figure deploy/DOCKER.md gives
        assertThat(total).isLessThanOrEqualTo(6L << 30);
    }

    @Test
    void aServiceThatOverridesItsJvmOptionsStillSizesTheHeapFromItsLimit() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Object options = map(service(name).get("environment")).get("JAVA_TOOL_OPTIONS");
            if (options != null) {
                assertThat(String.valueOf(options)).as("JAVA_TOOL_OPTIONS of %s", name)
                        .contains("-XX:MaxRAMPercentage=")
                        .doesNotContain("-Xmx");
            }
        });
    }

    @Test
    void aServiceShippingOrToolsForX86OnlyRunsOnAmd64() {
        SERVICE_PORTS.keySet().forEach(name -> {
            String pom = RepositoryFiles.read(RepositoryFiles.resolve(name + "/pom.xml"));
            if (pom.contains("<artifactId>ortools-linux-x86-64</artifactId>")
                    && !pom.contains("<artifactId>ortools-linux-aarch64</artifactId>")) {
                assertThat(service(name)).as("platform of %s", name).containsEntry("platform", "linux/amd64");
            }
        });
    }

    @Test
    void dockerLeavesTheServicesTimeToShutDownGracefully() {
        SERVICE_PORTS.keySet().forEach(name -> {
            Map<String, Object> application = RepositoryFiles.yaml(
                    RepositoryFiles.resolve(name + "/src/main/resources/application.yml"));
            if ("graceful".equals(map(application.get("server")).get("shutdown"))) {
                String grace = String.valueOf(service(name).get("stop_grace_period"));
                assertThat(grace).as("stop_grace_period of %s", name).matches("\\d+s");
                // Spring waits up to 30 s (spring.lifecycle.timeout-per-shutdown-phase); Docker's default is 10 s
                assertThat(Integer.parseInt(grace.substring(0, grace.length() - 1))).as(name).isGreaterThan(30);
            }
        });
    }

    @Test
    void theVolumesTheContainersUseAreDeclared() {
        Set<String> declared = map(compose.get("volumes")).keySet();
        Set<String> used = services.values().stream()
                .map(definition -> map(definition).get("volumes"))
                .filter(volumes -> volumes != null)
                .flatMap(volumes -> list(volumes).stream())
                .map(volume -> String.valueOf(volume).split(":")[0])
                .filter(source -> !source.startsWith(".") && !source.startsWith("/"))
                .collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(used);
    }

    // ----------------------------------------------------------------------------------------------

    static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    /** depends_on as service → condition (the short list form means "service_started"). */
    static Map<String, String> dependencies(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> names) {
            names.forEach(dependency -> conditions.put(String.valueOf(dependency), "service_started"));
        }
        else if (dependsOn != null) {
            map(dependsOn).forEach((dependency, options) -> conditions.put(dependency,
                    String.valueOf(map(options).getOrDefault("condition", "service_started"))));
        }
        return conditions;
    }

    static String healthCommand(String name) {
        List<Object> test = list(map(service(name).get("healthcheck")).get("test"));
        return test.stream().skip(1).map(String::valueOf).collect(Collectors.joining(" "));
    }

    static long bytes(String size) {
        String value = size.trim().toLowerCase(Locale.ROOT);
        char unit = value.charAt(value.length() - 1);
        long factor = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String number = Character.isDigit(unit) ? value : value.substring(0, value.length() - 1);
        return Long.parseLong(number.replace("b", "")) * factor;
    }

    /** A port in the short syntax ("[ip:]host:container") or the long one (target/published/host_ip). */
    record PublishedPort(String hostIp, int hostPort, int containerPort) {

        static PublishedPort of(Object port) {
            if (port instanceof Map<?, ?> longSyntax) {
                return new PublishedPort(String.valueOf(longSyntax.get("host_ip")),
                        Integer.parseInt(String.valueOf(longSyntax.get("published"))),
                        Integer.parseInt(String.valueOf(longSyntax.get("target"))));
            }
            String[] parts = String.valueOf(port).split(":");
            assertThat(parts).as("port %s names the host port", port).hasSizeGreaterThanOrEqualTo(2);
            String hostIp = parts.length == 3 ? parts[0] : "0.0.0.0";
            return new PublishedPort(hostIp, Integer.parseInt(parts[parts.length - 2]),
                    Integer.parseInt(parts[parts.length - 1]));
        }
    }
}
