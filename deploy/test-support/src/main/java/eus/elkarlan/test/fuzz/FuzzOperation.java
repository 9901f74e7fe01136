package eus.elkarlan.test.fuzz;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document, with its $refs resolved.
 *
 * @param method     HTTP method, upper case
 * @param path       the path template, such as {@code /api/v1/companies/{id}}
 * @param parameters path, query and header parameters
 * @param bodySchema the JSON schema of the request body, or {@code null} when it takes none
 */
public record FuzzOperation(String method, String path, List<Parameter> parameters, JsonNode bodySchema) {

    /** A parameter of the operation; {@code in} is {@code path}, {@code query} or {@code header}. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {

        public String type() {
            return OpenApiDocument.type(schema);
        }
    }

    /** {@code "PUT /api/v1/companies/{id}"}: how tests name an operation. */
    public String key() {
        return method + " " + path;
    }

    public boolean hasBody() {
        return bodySchema != null;
    }

    /** GET, HEAD and OPTIONS change nothing by definition. */
    public boolean safe() {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> true;
            default -> false;
        };
    }

    public List<Parameter> parameters(String in) {
        return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }
}
