package eus.elkarlan.deploy.k8s;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON schemas kept under src/test/resources/schemas, laid out as kubeconform expects them:
 * {@code k8s/<kind>[-<group prefix>]-<version>.json} for Kubernetes' own kinds and
 * {@code crds/<group>/<kind>_<version>.json} for custom resources.
 */
final class SchemaCatalog {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCatalog() {
    }

    /** The classpath location of the schema of an apiVersion and kind. */
    static String location(String apiVersion, String kind) {
        String k = kind.toLowerCase();
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return "schemas/k8s/" + k + "-" + apiVersion + ".json";
        }
        String group = apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        if (!group.contains(".") || group.endsWith(".k8s.io")) {
            String prefix = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
            return "schemas/k8s/" + k + "-" + prefix + "-" + version + ".json";
        }
        return "schemas/crds/" + group + "/" + k + "_" + version + ".json";
    }

    /** Validation errors of a document; an AssertionError when no schema covers its kind. */
    static List<String> validate(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String kind = String.valueOf(document.get("kind"));
        String location = location(apiVersion, kind);
        if (SchemaCatalog.class.getClassLoader().getResource(location) == null) {
            throw new AssertionError("no schema for " + apiVersion + " " + kind + ": add " + location);
        }
        Schema schema = SCHEMAS.computeIfAbsent(location, l -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of("classpath:" + l));
            s.initializeValidators();
            return s;
        });
        JsonNode node = JSON.valueToTree(document);
        List<Error> errors = schema.validate(node);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
