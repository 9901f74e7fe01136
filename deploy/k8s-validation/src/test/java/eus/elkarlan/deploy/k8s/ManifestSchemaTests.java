package eus.elkarlan.deploy.k8s;

import static eus.elkarlan.deploy.k8s.Manifests.copy;
import static eus.elkarlan.deploy.k8s.Manifests.map;
import static eus.elkarlan.deploy.k8s.Manifests.list;
import static eus.elkarlan.deploy.k8s.Manifests.one;
import static eus.elkarlan.deploy.k8s.Manifests.ofKind;
import static eus.elkarlan.deploy.k8s.Manifests.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schemas reject what a cluster or an operator would reject: each test breaks one rendered document in one
 * way and expects a validation error (a schema that accepts everything would let every render test pass).
 */
class ManifestSchemaTests {

    @BeforeAll
    static void kubectlIsInstalled() {
        Manifests.requireKubectl();
    }

    static List<Map<String, Object>> prod() {
        return render("overlays/prod");
    }

    static List<String> errorsAfter(Map<String, Object> original, Consumer<Map<String, Object>> change) {
        Map<String, Object> doc = copy(original);
        assertThat(SchemaCatalog.validate(doc)).as("valid before the change").isEmpty();
        change.accept(doc);
        return SchemaCatalog.validate(doc);
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        return list(deployment, "spec.template.spec.containers").get(0);
    }

    @Test
    void everySchemaFileIsValidJsonSchemaAndNamedForTheKindItChecks() throws IOException, URISyntaxException {
        Path root = Path.of(ManifestSchemaTests.class.getClassLoader().getResource("schemas").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> schemas = files.filter(f -> f.toString().endsWith(".json")).toList();
            // 8 Kubernetes kinds + their shared definitions + 6 custom resources
            assertThat(schemas).hasSizeGreaterThanOrEqualTo(15);
            for (Path f : schemas) {
                Map<String, Object> schema = Manifests.parseOne(f);
                assertThat((String) schema.getOrDefault("$schema", "https://json-schema.org/draft/2020-12/schema"))
                        .as(f.toString()).startsWith("http").contains("json-schema.org/");
                Object apiVersion = Manifests.at(schema, "properties.apiVersion.const");
                Object kind = Manifests.at(schema, "properties.kind.const");
                if (kind != null) {
                    assertThat(root.relativize(f).toString().replace('\\', '/'))
                            .isEqualTo(SchemaCatalog.location((String) apiVersion, (String) kind).substring("schemas/".length()));
                }
            }
        }
    }

    @Test
    void aKindWithoutASchemaFails() {
        assertThatThrownBy(() -> SchemaCatalog.validate(Map.of("apiVersion", "apps/v1", "kind", "StatefulSet",
                "metadata", Map.of("name", "x", "namespace", "elkarlan"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("schemas/k8s/statefulset-apps-v1.json");
    }

    @Test
    void deploymentSchemaCatchesMisspelledProbesWrongTypesAndBadQuantities() {
        Map<String, Object> gateway = one(prod(), "Deployment", "gateway");
        assertThat(errorsAfter(gateway, d -> {
            Map<String, Object> c = container(d);
            c.put("readinesProbe", c.remove("readinessProbe"));
        })).anyMatch(e -> e.contains("readinesProbe"));
        assertThat(errorsAfter(gateway, d -> list(container(d), "ports").get(0).put("containerPort", "8080")))
                .isNotEmpty();
        assertThat(errorsAfter(gateway, d -> map(container(d), "resources.limits").put("memory", "1 GB"))).isNotEmpty();
        assertThat(errorsAfter(gateway, d -> map(container(d), "readinessProbe.httpGet").put("path", "actuator/health")))
                .isNotEmpty();
        assertThat(errorsAfter(gateway, d -> container(d).put("imagePullPolicy", "IfMissing"))).isNotEmpty();
        assertThat(errorsAfter(gateway, d -> map(d, "metadata").put("name", "Gateway_1"))).isNotEmpty();
        assertThat(errorsAfter(gateway, d -> map(d, "metadata").remove("namespace"))).isNotEmpty();
        assertThat(errorsAfter(one(prod(), "Deployment", "company-service"),
                d -> list(container(d), "env").get(0).put("value", "both value and valueFrom"))).isNotEmpty();
        assertThat(errorsAfter(one(prod(), "Deployment", "company-service"),
                d -> list(container(d), "env").get(0).put("name", "SPRING MONGODB URI"))).isNotEmpty();
    }

    @Test
    void kubernetesSchemasCatchInvalidBudgetsAutoscalersIngressesAndSecrets() {
        List<Map<String, Object>> docs = prod();
        assertThat(errorsAfter(one(docs, "PodDisruptionBudget", "gateway"), p -> map(p, "spec").put("minAvailable", 1)))
                .as("minAvailable and maxUnavailable together").isNotEmpty();
        assertThat(errorsAfter(one(docs, "HorizontalPodAutoscaler", "gateway"),
                h -> map(list(h, "spec.metrics").get(0), "resource.target").put("type", "Percent"))).isNotEmpty();
        assertThat(errorsAfter(one(docs, "HorizontalPodAutoscaler", "gateway"), h -> map(h, "spec").remove("maxReplicas")))
                .isNotEmpty();
        assertThat(errorsAfter(ofKind(docs, "Ingress").get(0),
                i -> map(list(i, "spec.rules").get(0), "http.paths.0").put("pathType", "prefix"))).isNotEmpty();
        assertThat(errorsAfter(ofKind(docs, "Ingress").get(0),
                i -> map(list(i, "spec.rules").get(0), "http.paths.0.backend.service.port").put("number", 70000))).isNotEmpty();
        assertThat(errorsAfter(one(docs, "Service", "gateway"), s -> list(s, "spec.ports").get(0).put("protocol", "HTTP")))
                .isNotEmpty();
        assertThat(errorsAfter(one(docs, "Secret", "elkarlan-keycloak-db"), s -> s.put("data", Map.of("password", "not base64!"))))
                .isNotEmpty();
        assertThat(errorsAfter(one(docs, "ConfigMap", "elkarlan-config"), c -> map(c, "data").put("SPRING KAFKA", "x")))
                .isNotEmpty();
        assertThat(errorsAfter(one(docs, "ConfigMap", "elkarlan-config"), c -> map(c, "data").put("PORT", 8080)))
                .as("ConfigMap values are strings").isNotEmpty();
    }

    @Test
    void operatorSchemasCatchWhatTheOperatorsWouldRefuse() {
        List<Map<String, Object>> docs = prod();
        Map<String, Object> topic = KustomizeRenderTests.topic(docs, "elkarlan.companies");
        assertThat(errorsAfter(topic, t -> map(t, "spec").put("partitions", "twelve"))).isNotEmpty();
        assertThat(errorsAfter(topic, t -> map(t, "spec.config").put("cleanup.policy", "compacted"))).isNotEmpty();
        assertThat(errorsAfter(topic, t -> map(t, "metadata.labels").remove("strimzi.io/cluster"))).isNotEmpty();
        Map<String, Object> kafka = ofKind(docs, "Kafka").get(0);
        assertThat(errorsAfter(kafka, k -> map(k, "metadata.annotations").remove("strimzi.io/node-pools"))).isNotEmpty();
        assertThat(errorsAfter(kafka, k -> list(k, "spec.kafka.listeners").get(0).put("type", "external"))).isNotEmpty();
        assertThat(errorsAfter(kafka, k -> list(k, "spec.kafka.listeners").get(0).put("name", "plain-listener"))).isNotEmpty();
        assertThat(errorsAfter(kafka, k -> map(k, "spec").put("zookeeper", Map.of("replicas", 3)))).isNotEmpty();
        Map<String, Object> pool = ofKind(docs, "KafkaNodePool").get(0);
        assertThat(errorsAfter(pool, p -> map(p, "spec").put("roles", List.of("leader")))).isNotEmpty();
        assertThat(errorsAfter(pool, p -> list(p, "spec.storage.volumes").get(0).remove("size"))).isNotEmpty();
        Map<String, Object> mongo = ofKind(docs, "MongoDBCommunity").get(0);
        assertThat(errorsAfter(mongo, m -> map(m, "spec").put("type", "Sharded"))).isNotEmpty();
        assertThat(errorsAfter(mongo, m -> list(m, "spec.users").get(0).remove("scramCredentialsSecretName"))).isNotEmpty();
        assertThat(errorsAfter(mongo, m -> map(m, "spec").put("members", "3"))).isNotEmpty();
        Map<String, Object> keycloak = ofKind(docs, "Keycloak").get(0);
        assertThat(errorsAfter(keycloak, k -> map(k, "spec.db").put("vendor", "mongodb"))).isNotEmpty();
        assertThat(errorsAfter(keycloak, k -> map(k, "spec.proxy").put("headers", "x-forwarded"))).isNotEmpty();
        Map<String, Object> realmImport = ofKind(docs, "KeycloakRealmImport").get(0);
        assertThat(errorsAfter(realmImport, r -> map(r, "spec").remove("keycloakCRName"))).isNotEmpty();
        assertThat(errorsAfter(realmImport, r -> map(r, "spec.realm").remove("realm"))).isNotEmpty();
    }
}
