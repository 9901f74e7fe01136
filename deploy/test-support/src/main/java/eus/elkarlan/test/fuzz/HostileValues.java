package eus.elkarlan.test.fuzz;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The catalogue of bad values the fuzzer puts into bodies, parameters and path segments. */
final class HostileValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Stands for a lone UTF-16 surrogate: Jackson will not write one, so the serialized body gets
     * the JSON escape {@code \ud800} put in its place.
     */
    static final String LONE_SURROGATE = "\u0001LONE-SURROGATE\u0001";

    /** Query and document operators of MongoDB where a plain value is expected. */
    static final List<JsonNode> OPERATORS = List.of(
            JSON.readTree("{\"$gt\": \"\"}"),
            JSON.readTree("{\"$ne\": null}"),
            JSON.readTree("{\"$where\": \"sleep(2000) || true\"}"),
            JSON.readTree("{\"$regex\": \".*\"}"));

    /** Unicode edge cases: NUL, a lone surrogate, RTL override, stacked combining marks, emoji, BOM. */
    static final List<String> UNICODE = List.of(
            "Itsaso\u0000SL",
            "Itsaso" + LONE_SURROGATE + "SL",
            "\u202Elatot\u202C Itsaso",
            "Z" + "\u0301\u0308\u0327".repeat(40),
            "\uD83E\uDD84 \uD83D\uDC69\u200D\uD83D\uDCBB \uD83C\uDDEA\uD83C\uDDFA",
            "\uFEFFItsaso\u200B\u2028\u2029",
            "\u0049\u0307\u0131 ß ﬁ Ⅻ",
            "");

    /** Strings that mean something to a path, a query language or a template. */
    static final List<String> SPECIAL = List.of(
            "../../../../etc/passwd",
            "$ne",
            "{\"$gt\": \"\"}",
            "'; db.dropDatabase(); '",
            "${jndi:ldap://127.0.0.1/x}",
            "<script>alert(1)</script>",
            "%00",
            " ");

    /** Odd identifiers, already percent-encoded as they go into a path segment. */
    static final List<String> RAW_PATH_IDS = List.of(
            "..", "../", "..%2F", "%2e%2e%2f", "%2e%2e", "%252e%252e%252f", "$ne", "%24ne", "%24gt",
            "%7B%22%24gt%22%3A%22%22%7D", "%00", "%C0%AE%C0%AE%2F", "%F0%9F%A6%84", "%ED%A0%80", "null",
            "-1", "0", "1e309", ";", "%3B", "*", "%2A", "a".repeat(4000));

    /** Raw query values (already percent-encoded) for a parameter named {@code name}. */
    static List<String> rawQueryValues(String name) {
        return List.of(
                name + "=%24ne",
                name + "%5B%24gt%5D=",
                name + "%5B%24ne%5D=x",
                name + "=%7B%22%24gt%22%3A%22%22%7D",
                name + "=%7B%22%24where%22%3A%22sleep(2000)%22%7D",
                name + "=..%2F..%2Fetc%2Fpasswd",
                name + "=%00",
                name + "=%ED%A0%80",
                name + "=%E2%80%AElatot",
                name + "=%F0%9F%A6%84",
                name + "=",
                name + "=" + "x".repeat(8000),
                name + "=1&" + name + "=2",
                name + "=-1",
                name + "=99999999999999999999",
                name + "=1.5",
                name + "=true",
                name + "=NOT_A_VALUE");
    }

    /** A string of {@code length} characters mixing ASCII and multi-byte letters. */
    static String huge(int length) {
        StringBuilder s = new StringBuilder(length);
        String pattern = "Elkarlan-ñ-é-";
        while (s.length() < length) {
            s.append(pattern);
        }
        s.setLength(length);
        return s.toString();
    }

    /** Values of the wrong JSON type for where {@code original} stood. */
    static List<JsonNode> wrongTypes(JsonNode original) {
        if (original == null || original.isNull()) {
            return List.of(NODES.numberNode(1), NODES.arrayNode(), NODES.objectNode());
        }
        if (original.isString()) {
            return List.of(NODES.numberNode(12345), NODES.booleanNode(true), NODES.arrayNode().add("x"), NODES.objectNode());
        }
        if (original.isNumber()) {
            return List.of(NODES.stringNode("twelve"), NODES.stringNode("12"), NODES.booleanNode(true),
                    NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), NODES.numberNode(-1),
                    NODES.numberNode(1.5e308), NODES.numberNode(0.5));
        }
        if (original.isBoolean()) {
            return List.of(NODES.stringNode("yes"), NODES.numberNode(1), NODES.arrayNode());
        }
        if (original.isArray()) {
            return List.of(NODES.stringNode("x"), NODES.objectNode(), NODES.numberNode(1),
                    NODES.arrayNode().add(NODES.nullNode()), NODES.arrayNode().add(NODES.arrayNode()));
        }
        return List.of(NODES.stringNode("x"), NODES.arrayNode(), NODES.numberNode(1));
    }

    /** Bodies that are not JSON, or not JSON of an object. */
    static List<String> malformedBodies() {
        return List.of("{", "{\"a\":", "}", "not json", "{'single': 'quotes'}", "{\"a\": 1,}", "[]", "\"text\"", "42",
                "null", "true", "{} {}", "{\"a\": NaN}", "{\"a\": 01}", "\u0000", "{\"a\": \"\\x\"}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
    }

    private HostileValues() {
    }
}
