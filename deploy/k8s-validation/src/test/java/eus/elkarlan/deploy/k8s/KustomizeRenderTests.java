package eus.elkarlan.deploy.k8s;

import static eus.elkarlan.deploy.k8s.Manifests.at;
import static eus.elkarlan.deploy.k8s.Manifests.integer;
import static eus.elkarlan.deploy.k8s.Manifests.kind;
import static eus.elkarlan.deploy.k8s.Manifests.list;
import static eus.elkarlan.deploy.k8s.Manifests.map;
import static eus.elkarlan.deploy.k8s.Manifests.name;
import static eus.elkarlan.deploy.k8s.Manifests.ofKind;
import static eus.elkarlan.deploy.k8s.Manifests.one;
import static eus.elkarlan.deploy.k8s.Manifests.render;
import static eus.elkarlan.deploy.k8s.Manifests.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import eus.elkarlan.contracts.Topics;

/**
 * Renders the base and each overlay of deploy/k8s with {@code kubectl kustomize}, validates every document against
 * the schemas kept in the repository and checks what ties the documents together.
 */
class KustomizeRenderTests {

    /** The five services and their ports (DESIGN.md). */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    static {
        SERVICES.put("gateway", 8080);
        SERVICES.put("company-service", 8081);
        SERVICES.put("matching-service", 8082);
        SERVICES.put("event-service", 8083);
        SERVICES.put("notification-service", 8084);
    }

    static final Set<String> AUTOSCALED = Set.of("gateway", "matching-service");

    static final String NAMESPACE = "elkarlan";

    @BeforeAll
    static void kubectlIsInstalled() {
        Manifests.requireKubectl();
    }

    /**
     * Debian's kubectl 1.20 (package kubernetes-client) embeds kustomize v2.0.3: it knows these fields only, and
     * `resources` there must be files (directories go to `bases`). kubectl 1.32 renders them the same.
     */
    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/dev", "overlays/prod" })
    void kustomizationsStayReadableByKustomizeV2(String dir) {
        Path folder = Manifests.k8sDir().resolve(dir);
        Map<String, Object> kustomization = Manifests.parseOne(folder.resolve("kustomization.yaml"));
        assertThat(kustomization.keySet()).isSubsetOf("apiVersion", "kind", "namespace", "namePrefix", "nameSuffix",
                "commonLabels", "commonAnnotations", "resources", "bases", "patchesStrategicMerge", "patchesJson6902",
                "configMapGenerator", "secretGenerator", "generatorOptions", "images", "vars", "crds");
        for (String resource : Manifests.strings(kustomization, "resources")) {
            assertThat(folder.resolve(resource)).as(dir + " resources: " + resource).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/dev", "overlays/prod" })
    void everyRenderedDocumentMatchesTheSchemaOfItsKind(String dir) {
        List<Map<String, Object>> docs = render(dir);
        assertThat(docs).hasSizeGreaterThan(30);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Map<String, Object> doc : docs) {
            List<String> e = SchemaCatalog.validate(doc);
            if (!e.isEmpty()) {
                errors.put(kind(doc) + " " + name(doc), e);
            }
        }
        assertThat(errors).as("schema violations in %s", dir).isEmpty();
        assertThat(docs.stream().map(Manifests::kind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "Namespace", "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "Ingress", "Kafka", "KafkaNodePool", "KafkaTopic", "MongoDBCommunity",
                "Keycloak", "KeycloakRealmImport");
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void everyResourceLivesInTheElkarlanNamespace(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        assertThat(one(docs, "Namespace", NAMESPACE)).isNotNull();
        assertThat(docs).filteredOn(d -> !"Namespace".equals(kind(d)))
                .allSatisfy(d -> assertThat(str(d, "metadata.namespace")).as(kind(d) + " " + name(d)).isEqualTo(NAMESPACE));
        Map<String, Long> duplicates = docs.stream()
                .collect(Collectors.groupingBy(d -> kind(d) + "/" + name(d), Collectors.counting()));
        assertThat(duplicates).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void everyServiceRunsAsANonRootContainerWithActuatorProbesAndResources(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        assertThat(ofKind(docs, "Deployment").stream().map(Manifests::name)).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        SoftAssertions soft = new SoftAssertions();
        assertThat(configMapData(docs, "elkarlan-config").get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75");
        for (var svc : SERVICES.entrySet()) {
            Map<String, Object> deployment = one(docs, "Deployment", svc.getKey());
            Map<String, Object> pod = map(deployment, "spec.template.spec");
            List<Map<String, Object>> containers = list(pod, "containers");
            soft.assertThat(containers).as(svc.getKey()).hasSize(1);
            Map<String, Object> c = containers.get(0);
            String what = svc.getKey();
            soft.assertThat(str(c, "image")).as(what).isEqualTo("elkarlan/" + what + ":latest");
            soft.assertThat(integer(c, "ports.0.containerPort")).as(what).isEqualTo(svc.getValue());
            soft.assertThat(str(c, "readinessProbe.httpGet.path")).as(what).isEqualTo("/actuator/health/readiness");
            soft.assertThat(str(c, "livenessProbe.httpGet.path")).as(what).isEqualTo("/actuator/health/liveness");
            soft.assertThat(str(c, "readinessProbe.httpGet.port")).as(what).isIn("http", String.valueOf(svc.getValue()));
            soft.assertThat(str(c, "livenessProbe.httpGet.port")).as(what).isIn("http", String.valueOf(svc.getValue()));
            for (String r : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                soft.assertThat(at(c, "resources." + r)).as(what + " resources." + r).isNotNull();
            }
            soft.assertThat(at(pod, "securityContext.runAsNonRoot")).as(what).isEqualTo(true);
            soft.assertThat(integer(pod, "securityContext.runAsUser")).as(what).isPositive();
            soft.assertThat(at(c, "securityContext.allowPrivilegeEscalation")).as(what).isEqualTo(false);
            soft.assertThat(Manifests.strings(c, "securityContext.capabilities.drop")).as(what).contains("ALL");
            // every container gets the shared ConfigMap; the heap follows the container's memory limit
            soft.assertThat(list(c, "envFrom").stream().map(e -> str(e, "configMapRef.name")).toList()).as(what)
                    .startsWith("elkarlan-config");
            String javaOptions = effectiveEnv(docs, deployment).get("JAVA_TOOL_OPTIONS");
            // the scheduler's native solver lives outside the heap: event-service keeps half of the limit for it
            soft.assertThat(javaOptions).as(what + " JAVA_TOOL_OPTIONS")
                    .contains("-XX:MaxRAMPercentage=" + ("event-service".equals(what) ? 50 : 75))
                    .contains("-XX:+ExitOnOutOfMemoryError");
            if (!"gateway".equals(what)) {
                soft.assertThat(list(c, "env").stream().filter(e -> "SPRING_MONGODB_URI".equals(e.get("name")))
                        .map(e -> str(e, "valueFrom.secretKeyRef.name")).toList()).as(what + " SPRING_MONGODB_URI from a Secret")
                        .containsExactly("elkarlan-mongodb-" + what);
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void everyDeploymentHasAServiceAndAPodDisruptionBudgetSelectingItsPods(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> deployment : ofKind(docs, "Deployment")) {
            String what = name(deployment);
            Map<String, Object> podLabels = map(deployment, "spec.template.metadata.labels");
            soft.assertThat(podLabels).as(what + " selector").containsAllEntriesOf(stringMap(map(deployment, "spec.selector.matchLabels")));
            List<Map<String, Object>> services = ofKind(docs, "Service").stream()
                    .filter(s -> !map(s, "spec.selector").isEmpty() && podLabels.entrySet().containsAll(map(s, "spec.selector").entrySet()))
                    .toList();
            soft.assertThat(services).as(what + " Service").hasSize(1);
            for (Map<String, Object> s : services) {
                Map<String, Object> port = list(s, "spec.ports").get(0);
                soft.assertThat(integer(port, "port")).as(what + " Service port").isEqualTo(SERVICES.get(what));
                soft.assertThat(str(port, "targetPort")).as(what + " targetPort")
                        .isIn(str(deployment, "spec.template.spec.containers.0.ports.0.name"), String.valueOf(SERVICES.get(what)));
                soft.assertThat(name(s)).as("the Service is named like the Deployment (the gateway's URLs use it)").isEqualTo(what);
            }
            List<Map<String, Object>> pdbs = ofKind(docs, "PodDisruptionBudget").stream()
                    .filter(p -> podLabels.entrySet().containsAll(map(p, "spec.selector.matchLabels").entrySet())
                            && !map(p, "spec.selector.matchLabels").isEmpty())
                    .toList();
            soft.assertThat(pdbs).as(what + " PodDisruptionBudget").hasSize(1);
            for (Map<String, Object> pdb : pdbs) {
                // a budget that can never be met blocks every node drain
                Integer minAvailable = integer(pdb, "spec.minAvailable");
                int replicas = minimumReplicas(docs, deployment);
                if (minAvailable != null) {
                    soft.assertThat(minAvailable).as(what + " minAvailable < replicas").isLessThan(replicas);
                }
                else {
                    soft.assertThat(integer(pdb, "spec.maxUnavailable")).as(what + " maxUnavailable").isPositive();
                }
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void horizontalPodAutoscalersScaleTheGatewayAndMatchingServiceOnly(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        List<Map<String, Object>> hpas = ofKind(docs, "HorizontalPodAutoscaler");
        assertThat(hpas.stream().map(h -> str(h, "spec.scaleTargetRef.kind") + "/" + str(h, "spec.scaleTargetRef.name")))
                .containsExactlyInAnyOrder("Deployment/gateway", "Deployment/matching-service");
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> hpa : hpas) {
            String target = str(hpa, "spec.scaleTargetRef.name");
            soft.assertThat(str(hpa, "spec.scaleTargetRef.apiVersion")).isEqualTo("apps/v1");
            soft.assertThat(integer(hpa, "spec.maxReplicas")).as(target).isGreaterThan(integer(hpa, "spec.minReplicas"));
            // CPU utilization is relative to the request: without one the HPA cannot compute it
            soft.assertThat(at(one(docs, "Deployment", target), "spec.template.spec.containers.0.resources.requests.cpu")).isNotNull();
            // an applied replicas field would reset the count that the HPA chose at every `kubectl apply`
            soft.assertThat(at(one(docs, "Deployment", target), "spec.replicas")).as(target + " replicas left to the HPA").isNull();
        }
        int partitions = integer(topic(docs, Topics.COMPANIES), "spec.partitions");
        soft.assertThat(integer(hpa(docs, "matching-service"), "spec.maxReplicas"))
                .as("more matching-service pods than partitions would idle").isLessThanOrEqualTo(partitions);
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void topicsAreThoseOfTheContractsAndCompaniesIsCompacted(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        List<String> expected = new ArrayList<>();
        for (String t : Topics.ALL) {
            expected.add(t);
            expected.add(Topics.deadLetter(t));
        }
        List<Map<String, Object>> topics = ofKind(docs, "KafkaTopic");
        assertThat(topics.stream().map(KustomizeRenderTests::topicName)).containsExactlyInAnyOrderElementsOf(expected);
        String cluster = name(ofKind(docs, "Kafka").get(0));
        int brokers = ofKind(docs, "KafkaNodePool").stream()
                .filter(p -> Manifests.strings(p, "spec.roles").contains("broker"))
                .mapToInt(p -> integer(p, "spec.replicas")).sum();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(str(topic(docs, Topics.COMPANIES), "spec.config.[cleanup.policy]")).isEqualTo("compact");
        for (Map<String, Object> t : topics) {
            String n = topicName(t);
            soft.assertThat(str(t, "metadata.labels.[strimzi.io/cluster]")).as(n).isEqualTo(cluster);
            soft.assertThat(integer(t, "spec.partitions")).as(n + " partitions sized for scale").isGreaterThanOrEqualTo(12);
            soft.assertThat(integer(t, "spec.replicas")).as(n + " replicas <= brokers").isBetween(1, brokers);
            Integer minIsr = integer(t, "spec.config.[min.insync.replicas]");
            soft.assertThat(minIsr).as(n + " min.insync.replicas").isNotNull();
            if (minIsr != null) {
                soft.assertThat(minIsr).as(n + " min.insync.replicas < replicas, or one broker down stops producers")
                        .isLessThanOrEqualTo(Math.max(1, integer(t, "spec.replicas") - 1));
            }
            if (!n.endsWith(".DLT")) {
                soft.assertThat(str(t, "spec.config.[cleanup.policy]")).as(n).isNotNull();
                // the recoverer writes a dead letter to the same partition number as its source record
                soft.assertThat(integer(topic(docs, Topics.deadLetter(n)), "spec.partitions")).as(n + ".DLT partitions")
                        .isEqualTo(integer(t, "spec.partitions"));
                soft.assertThat(str(topic(docs, Topics.deadLetter(n)), "spec.config.[cleanup.policy]")).as(n + ".DLT").isEqualTo("delete");
            }
        }
        // the topics that the services create when missing have the same shape
        Map<String, String> config = configMapData(docs, "elkarlan-config");
        soft.assertThat(Integer.valueOf(config.get("ELKARLAN_KAFKA_PARTITIONS"))).isEqualTo(integer(topic(docs, Topics.COMPANIES), "spec.partitions"));
        soft.assertThat(Integer.valueOf(config.get("ELKARLAN_KAFKA_REPLICAS"))).isEqualTo(integer(topic(docs, Topics.COMPANIES), "spec.replicas"));
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void referencedConfigMapsAndSecretsExistOrAreWrittenByAnOperator(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Set<String> configMaps = ofKind(docs, "ConfigMap").stream().map(Manifests::name).collect(Collectors.toSet());
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Map<String, Object> s : ofKind(docs, "Secret")) {
            Set<String> keys = new HashSet<>(map(s, "stringData").keySet());
            keys.addAll(map(s, "data").keySet());
            secrets.put(name(s), keys);
        }
        // the MongoDB Community operator writes one connection string Secret per user
        for (Map<String, Object> mdb : ofKind(docs, "MongoDBCommunity")) {
            for (Map<String, Object> user : list(mdb, "spec.users")) {
                secrets.put(str(user, "connectionStringSecretName"), Set.of("connectionString.standard",
                        "connectionString.standardSrv", "username", "password"));
                assertThat(secrets).as("password of MongoDB user " + user.get("name")).containsKey(str(user, "passwordSecretRef.name"));
            }
        }
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> d : ofKind(docs, "Deployment")) {
            for (Map<String, Object> c : list(d, "spec.template.spec.containers")) {
                for (Map<String, Object> from : list(c, "envFrom")) {
                    if (at(from, "configMapRef") != null) {
                        soft.assertThat(configMaps).as(name(d) + " envFrom").contains(str(from, "configMapRef.name"));
                    }
                    if (at(from, "secretRef") != null) {
                        soft.assertThat(secrets).as(name(d) + " envFrom").containsKey(str(from, "secretRef.name"));
                    }
                }
                for (Map<String, Object> env : list(c, "env")) {
                    if (at(env, "valueFrom.secretKeyRef") != null) {
                        String secret = str(env, "valueFrom.secretKeyRef.name");
                        soft.assertThat(secrets).as(name(d) + " " + env.get("name")).containsKey(secret);
                        soft.assertThat(secrets.getOrDefault(secret, Set.of())).as(secret).contains(str(env, "valueFrom.secretKeyRef.key"));
                    }
                    if (at(env, "valueFrom.configMapKeyRef") != null) {
                        soft.assertThat(configMaps).contains(str(env, "valueFrom.configMapKeyRef.name"));
                    }
                }
            }
        }
        Map<String, Object> keycloak = ofKind(docs, "Keycloak").get(0);
        for (String ref : List.of("spec.db.usernameSecret", "spec.db.passwordSecret")) {
            if (at(keycloak, ref) != null) {
                soft.assertThat(secrets.getOrDefault(str(keycloak, ref + ".name"), Set.of())).as(ref).contains(str(keycloak, ref + ".key"));
            }
        }
        soft.assertThat(secrets.getOrDefault(str(keycloak, "spec.bootstrapAdmin.user.secret"), Set.of()))
                .containsExactlyInAnyOrder("username", "password");
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void servicesReachKafkaKeycloakAndEachOtherByInClusterNames(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, String> config = configMapData(docs, "elkarlan-config");
        Map<String, Object> kafka = ofKind(docs, "Kafka").get(0);
        Map<String, Object> plain = list(kafka, "spec.kafka.listeners").stream()
                .filter(l -> Boolean.FALSE.equals(l.get("tls")) && "internal".equals(l.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no internal plain listener"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(config.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(name(kafka) + "-kafka-bootstrap:" + plain.get("port"))
                .isEqualTo("elkarlan-kafka-bootstrap:9092");
        Map<String, Object> keycloak = ofKind(docs, "Keycloak").get(0);
        String keycloakService = name(keycloak) + "-service";
        String issuer = config.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        // tokens name the public host of Keycloak; the keys are fetched inside the cluster
        soft.assertThat(issuer).isEqualTo(str(keycloak, "spec.hostname.hostname") + "/realms/elkarlan");
        soft.assertThat(config.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI"))
                .isEqualTo("http://" + keycloakService + ":8080/realms/elkarlan/protocol/openid-connect/certs");
        soft.assertThat(config.get("ELKARLAN_KEYCLOAK_URL")).isEqualTo("http://" + keycloakService + ":8080");
        soft.assertThat(at(keycloak, "spec.http.httpEnabled")).isEqualTo(true);
        Map<String, String> gateway = configMapData(docs, "gateway-config");
        for (String svc : List.of("company", "matching", "event", "notification")) {
            String target = svc + "-service";
            soft.assertThat(gateway.get("ELKARLAN_SERVICES_" + svc.toUpperCase()))
                    .isEqualTo("http://" + target + ":" + SERVICES.get(target));
            soft.assertThat(integer(one(docs, "Service", target), "spec.ports.0.port")).isEqualTo(SERVICES.get(target));
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void ingressRoutesTheGatewayAndOnlyKeycloaksPublicPaths(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, Object> ingress = ofKind(docs, "Ingress").get(0);
        Map<String, Object> keycloak = ofKind(docs, "Keycloak").get(0);
        Map<String, Map<String, String>> routes = new HashMap<>();
        for (Map<String, Object> rule : list(ingress, "spec.rules")) {
            Map<String, String> paths = new HashMap<>();
            for (Map<String, Object> path : list(rule, "http.paths")) {
                paths.put(str(path, "path"), str(path, "backend.service.name") + ":" + str(path, "backend.service.port.number"));
            }
            routes.put(str(rule, "host"), paths);
        }
        String keycloakHost = URI.create(str(keycloak, "spec.hostname.hostname")).getHost();
        String keycloakService = name(keycloak) + "-service:8080";
        // the admin console must not be published
        assertThat(routes.get(keycloakHost)).isEqualTo(Map.of("/realms/", keycloakService, "/resources/", keycloakService));
        assertThat(routes).hasSize(2);
        assertThat(routes.entrySet()).filteredOn(e -> !e.getKey().equals(keycloakHost)).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(Map.of("/", "gateway:" + SERVICES.get("gateway"))));
        assertThat(URI.create(str(keycloak, "spec.hostname.admin")).getHost()).isEqualTo("localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void realmImportIsTheBaseRealmOfDeployKeycloak(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, Object> realmImport = ofKind(docs, "KeycloakRealmImport").get(0);
        assertThat(str(realmImport, "spec.keycloakCRName")).isEqualTo(name(ofKind(docs, "Keycloak").get(0)));
        Map<String, Object> realm = Manifests.parseOne(Manifests.repositoryRoot().resolve("deploy/keycloak/elkarlan-realm.json"));
        assertThat(map(realmImport, "spec.realm"))
                .as("deploy/k8s/base/keycloak/realm-import.yaml is a copy of deploy/keycloak/elkarlan-realm.json: "
                        + "run deploy/k8s/base/keycloak/sync-realm.sh after changing the realm")
                .isEqualTo(realm);
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void mongoDbHasOneScramUserPerServiceOnItsOwnDatabase(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, Object> mdb = ofKind(docs, "MongoDBCommunity").get(0);
        assertThat(str(mdb, "spec.version")).startsWith("8.0.");
        assertThat(Manifests.strings(mdb, "spec.security.authentication.modes")).contains("SCRAM");
        Map<String, String> databases = Map.of("company-service", "companies", "matching-service", "matching",
                "event-service", "events", "notification-service", "notifications");
        Map<String, String> granted = new HashMap<>();
        for (Map<String, Object> user : list(mdb, "spec.users")) {
            assertThat(list(user, "roles")).as("roles of " + user.get("name")).hasSize(1);
            granted.put(str(user, "name"), str(user, "roles.0.name") + "@" + str(user, "roles.0.db"));
            assertThat(str(user, "connectionStringSecretName")).isEqualTo("elkarlan-mongodb-" + user.get("name"));
        }
        assertThat(granted).isEqualTo(databases.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> "readWrite@" + e.getValue())));
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void browserFacingAddressesFollowTheIngressHostsAndTls(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        Map<String, Object> ingress = ofKind(docs, "Ingress").get(0);
        boolean tls = !list(ingress, "spec.tls").isEmpty();
        String scheme = tls ? "https://" : "http://";
        String keycloakHostname = str(ofKind(docs, "Keycloak").get(0), "spec.hostname.hostname");
        String gatewayHost = list(ingress, "spec.rules").stream()
                .filter(r -> "gateway".equals(str(r, "http.paths.0.backend.service.name"))).map(r -> str(r, "host"))
                .findFirst().orElseThrow();
        Map<String, String> gateway = effectiveEnv(docs, one(docs, "Deployment", "gateway"));
        Map<String, String> notification = effectiveEnv(docs, one(docs, "Deployment", "notification-service"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(keycloakHostname).startsWith(scheme);
        // the browser login and the resource servers expect the same issuer, the one Keycloak writes into tokens
        soft.assertThat(gateway.get("ELKARLAN_GATEWAY_LOGIN_ISSUER")).isEqualTo(keycloakHostname + "/realms/elkarlan")
                .isEqualTo(gateway.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
        soft.assertThat(gateway.get("ELKARLAN_GATEWAY_LOGIN_SECURE_COOKIE")).isEqualTo(String.valueOf(tls));
        soft.assertThat(notification.get("ELKARLAN_NOTIFICATION_PUBLIC_BASE_URL")).isEqualTo(scheme + gatewayHost);
        soft.assertThat(notification).containsKey("ELKARLAN_NOTIFICATION_LINK_SECRET");
        Map<String, String> event = effectiveEnv(docs, one(docs, "Deployment", "event-service"));
        int cpus = cpuMillis(str(one(docs, "Deployment", "event-service"), "spec.template.spec.containers.0.resources.limits.cpu")) / 1000;
        soft.assertThat(Integer.valueOf(event.get("ELKARLAN_EVENTS_SOLVER_WORKERS"))).as("solver workers <= CPU limit")
                .isBetween(1, Math.max(1, cpus));
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod" })
    void everyServiceLogsJsonAndSendsSampledTracesToTheCollector(String overlay) {
        List<Map<String, Object>> docs = render(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (String service : SERVICES.keySet()) {
            Map<String, String> env = effectiveEnv(docs, one(docs, "Deployment", service));
            soft.assertThat(env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE")).as(service + " JSON logs").isEqualTo("ecs");
            String endpoint = env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
            soft.assertThat(endpoint).as(service + " OTLP/HTTP traces endpoint").isNotNull();
            if (endpoint != null) {
                URI uri = URI.create(endpoint);
                soft.assertThat(uri.getScheme()).as(endpoint).isIn("http", "https");
                soft.assertThat(uri.getPath()).as(endpoint + ": OTLP/HTTP needs the signal's path").isEqualTo("/v1/traces");
                soft.assertThat(uri.getPort()).as(endpoint + ": the OTLP/HTTP port, not gRPC's 4317").isNotEqualTo(4317);
            }
            String probability = env.get("MANAGEMENT_TRACING_SAMPLING_PROBABILITY");
            soft.assertThat(probability).as(service + " sampling").isNotNull();
            if (probability != null) {
                soft.assertThat(Double.parseDouble(probability)).as(service + " sampling")
                        .isBetween(0.0, 1.0).isEqualTo(overlay.endsWith("dev") ? 1.0 : 0.1);
            }
        }
        soft.assertAll();
    }

    @Test
    void devRunsOneOfEverything() {
        List<Map<String, Object>> docs = render("overlays/dev");
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> d : ofKind(docs, "Deployment")) {
            soft.assertThat(minimumReplicas(docs, d)).as(name(d)).isEqualTo(1);
        }
        for (Map<String, Object> h : ofKind(docs, "HorizontalPodAutoscaler")) {
            soft.assertThat(integer(h, "spec.minReplicas")).as(name(h)).isEqualTo(1);
        }
        soft.assertThat(integer(ofKind(docs, "MongoDBCommunity").get(0), "spec.members")).isEqualTo(1);
        soft.assertThat(integer(ofKind(docs, "KafkaNodePool").get(0), "spec.replicas")).isEqualTo(1);
        soft.assertThat(integer(ofKind(docs, "Keycloak").get(0), "spec.instances")).isEqualTo(1);
        soft.assertThat(list(ofKind(docs, "Ingress").get(0), "spec.tls")).isEmpty();
        soft.assertAll();
    }

    @Test
    void prodRunsAtLeastTwoOfEverythingWithTlsReplicatedKafkaAndAReplicaSetOfThree() {
        List<Map<String, Object>> prod = render("overlays/prod");
        List<Map<String, Object>> dev = render("overlays/dev");
        SoftAssertions soft = new SoftAssertions();
        for (Map<String, Object> d : ofKind(prod, "Deployment")) {
            soft.assertThat(minimumReplicas(prod, d)).as(name(d)).isGreaterThanOrEqualTo(2);
            soft.assertThat(cpuMillis(str(d, "spec.template.spec.containers.0.resources.requests.cpu")))
                    .as(name(d) + " larger CPU request than dev")
                    .isGreaterThan(cpuMillis(str(one(dev, "Deployment", name(d)), "spec.template.spec.containers.0.resources.requests.cpu")));
        }
        for (Map<String, Object> h : ofKind(prod, "HorizontalPodAutoscaler")) {
            soft.assertThat(integer(h, "spec.minReplicas")).as(name(h)).isGreaterThanOrEqualTo(2);
            soft.assertThat(integer(h, "spec.maxReplicas")).as(name(h)).isGreaterThanOrEqualTo(2 * integer(h, "spec.minReplicas"));
        }
        Map<String, Object> ingress = ofKind(prod, "Ingress").get(0);
        Set<String> tlsHosts = list(ingress, "spec.tls").stream().flatMap(t -> Manifests.strings(t, "hosts").stream())
                .collect(Collectors.toSet());
        Set<String> hosts = list(ingress, "spec.rules").stream().map(r -> str(r, "host")).collect(Collectors.toSet());
        soft.assertThat(tlsHosts).as("every host of the prod Ingress has TLS").isEqualTo(hosts);
        soft.assertThat(str(ofKind(prod, "Keycloak").get(0), "spec.hostname.hostname")).startsWith("https://");
        soft.assertThat(str(ofKind(prod, "Keycloak").get(0), "spec.db.vendor")).isEqualTo("postgres");
        soft.assertThat(integer(ofKind(prod, "MongoDBCommunity").get(0), "spec.members")).isEqualTo(3);
        soft.assertThat(integer(ofKind(prod, "KafkaNodePool").get(0), "spec.replicas")).isEqualTo(3);
        soft.assertThat(Manifests.strings(ofKind(prod, "KafkaNodePool").get(0), "spec.roles")).contains("broker", "controller");
        for (Map<String, Object> t : ofKind(prod, "KafkaTopic")) {
            soft.assertThat(integer(t, "spec.replicas")).as(topicName(t)).isEqualTo(3);
            soft.assertThat(integer(t, "spec.config.[min.insync.replicas]")).as(topicName(t)).isEqualTo(2);
        }
        Map<String, Object> kafkaConfig = map(ofKind(prod, "Kafka").get(0), "spec.kafka.config");
        soft.assertThat(kafkaConfig.get("default.replication.factor")).isEqualTo(3);
        soft.assertThat(kafkaConfig.get("offsets.topic.replication.factor")).isEqualTo(3);
        soft.assertThat(kafkaConfig.get("min.insync.replicas")).isEqualTo(2);
        soft.assertAll();
    }

    // --- helpers ---

    static String topicName(Map<String, Object> topic) {
        String n = str(topic, "spec.topicName");
        return n != null ? n : name(topic);
    }

    static Map<String, Object> topic(List<Map<String, Object>> docs, String topicName) {
        return ofKind(docs, "KafkaTopic").stream().filter(t -> topicName.equals(topicName(t))).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topicName));
    }

    static Map<String, Object> hpa(List<Map<String, Object>> docs, String target) {
        return ofKind(docs, "HorizontalPodAutoscaler").stream()
                .filter(h -> target.equals(str(h, "spec.scaleTargetRef.name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no HPA for " + target));
    }

    /** The replicas a Deployment runs at least: its HPA's minimum where one scales it (else 1 when unset). */
    static int minimumReplicas(List<Map<String, Object>> docs, Map<String, Object> deployment) {
        boolean scaled = ofKind(docs, "HorizontalPodAutoscaler").stream()
                .anyMatch(h -> name(deployment).equals(str(h, "spec.scaleTargetRef.name")));
        if (scaled) {
            Integer min = integer(hpa(docs, name(deployment)), "spec.minReplicas");
            return min == null ? 1 : min;
        }
        Integer replicas = integer(deployment, "spec.replicas");
        return replicas == null ? 1 : replicas;
    }

    /**
     * The environment a Deployment's container gets: envFrom sources in order (a later source wins), then env.
     * A value from a Secret key reference reads "secret:<name>/<key>".
     */
    static Map<String, String> effectiveEnv(List<Map<String, Object>> docs, Map<String, Object> deployment) {
        Map<String, Object> c = list(deployment, "spec.template.spec.containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : list(c, "envFrom")) {
            if (at(from, "configMapRef") != null) {
                env.putAll(configMapData(docs, str(from, "configMapRef.name")));
            }
            if (at(from, "secretRef") != null) {
                Map<String, Object> secret = one(docs, "Secret", str(from, "secretRef.name"));
                map(secret, "stringData").forEach((k, v) -> env.put(k, String.valueOf(v)));
                map(secret, "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> e : list(c, "env")) {
            env.put(str(e, "name"), e.containsKey("value") ? str(e, "value")
                    : "secret:" + str(e, "valueFrom.secretKeyRef.name") + "/" + str(e, "valueFrom.secretKeyRef.key"));
        }
        return env;
    }

    static Map<String, String> configMapData(List<Map<String, Object>> docs, String name) {
        return stringMap(map(one(docs, "ConfigMap", name), "data"));
    }

    static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> out = new HashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    static int cpuMillis(String quantity) {
        return quantity.endsWith("m") ? Integer.parseInt(quantity.substring(0, quantity.length() - 1))
                : (int) Math.round(Double.parseDouble(quantity) * 1000);
    }
}
