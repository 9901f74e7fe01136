package eus.elkarlan.test.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the operations of an OpenAPI 3.0/3.1 document (as springdoc serves it at
 * {@code /v3/api-docs}), resolving local {@code $ref}s. Only what the fuzzer needs: methods, paths,
 * parameters and the JSON request body's schema.
 */
public final class OpenApiDocument {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final int MAX_DEPTH = 12;

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument parse(String json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        if (!root.path("paths").isObject()) {
            throw new IllegalArgumentException("not an OpenAPI document: no paths");
        }
        return new OpenApiDocument(root);
    }

    /** Every operation whose path starts with {@code prefix}, sorted by path then method. */
    public List<FuzzOperation> operations(String prefix) {
        List<FuzzOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            if (!path.getKey().startsWith(prefix)) {
                continue;
            }
            JsonNode item = path.getValue();
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                List<FuzzOperation.Parameter> parameters = new ArrayList<>();
                List<JsonNode> declared = new ArrayList<>();
                item.path("parameters").forEach(declared::add);
                operation.path("parameters").forEach(declared::add);
                for (JsonNode p : declared) {
                    JsonNode parameter = resolve(p, 0);
                    parameters.add(new FuzzOperation.Parameter(parameter.path("name").asString(),
                            parameter.path("in").asString(), parameter.path("required").asBoolean(false),
                            resolve(parameter.path("schema"), 0)));
                }
                operations.add(new FuzzOperation(method.toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(parameters),
                        bodySchema(operation)));
            }
        }
        operations.sort(Comparator.comparing(FuzzOperation::path).thenComparing(FuzzOperation::method));
        return operations;
    }

    private JsonNode bodySchema(JsonNode operation) {
        JsonNode body = resolve(operation.path("requestBody"), 0);
        if (body.isMissingNode() || !body.path("content").isObject()) {
            return null;
        }
        JsonNode content = body.path("content");
        JsonNode media = content.has("application/json") ? content.get("application/json")
                : content.properties().stream().filter(e -> e.getKey().contains("json")).map(Map.Entry::getValue)
                        .findFirst().orElse(null);
        if (media == null) {
            return null;
        }
        return resolveDeep(media.path("schema"), 0);
    }

    private JsonNode resolve(JsonNode node, int depth) {
        JsonNode current = node;
        while (current.has("$ref") && depth++ < MAX_DEPTH) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                return current;
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            current = target;
        }
        return current;
    }

    /** A copy of the schema with every nested $ref replaced by its target (cycles cut at a depth). */
    private JsonNode resolveDeep(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema, 0);
        if (!resolved.isObject() || depth > MAX_DEPTH) {
            return resolved;
        }
        ObjectNode copy = ((ObjectNode) resolved).deepCopy();
        if (copy.path("properties").isObject()) {
            ObjectNode properties = (ObjectNode) copy.get("properties");
            for (String name : new ArrayList<>(properties.propertyNames())) {
                properties.set(name, resolveDeep(properties.get(name), depth + 1));
            }
        }
        if (copy.has("items")) {
            copy.set("items", resolveDeep(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolveDeep(copy.get("additionalProperties"), depth + 1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (copy.path(combinator).isArray() && !copy.get(combinator).isEmpty()) {
                // the first alternative is enough to build a plausible value
                JsonNode first = resolveDeep(copy.get(combinator).get(0), depth + 1);
                copy.remove(combinator);
                if (first.isObject()) {
                    ((ObjectNode) first).properties().forEach(e -> {
                        if (!copy.has(e.getKey())) {
                            copy.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        }
        return copy;
    }

    /** The schema's type ({@code string}, {@code integer}, …); OpenAPI 3.1 type arrays give their first non-null. */
    static String type(JsonNode schema) {
        if (schema == null) {
            return "";
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
            return "";
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.path("properties").isObject()) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "";
    }
}
