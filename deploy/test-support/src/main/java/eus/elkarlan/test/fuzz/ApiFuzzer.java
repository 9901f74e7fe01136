package eus.elkarlan.test.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reproducible fuzz pass over every operation of a running service, driven by the service's own
 * OpenAPI document ({@code /v3/api-docs}).
 * <p>
 * For every operation it sends the valid request (as each outsider, and as everybody for reads),
 * then, as the operation's actor (an insider who gets past the role and object checks) and now and
 * then as another caller: malformed JSON; for every field of the body, null, a missing field, each
 * wrong type, MongoDB operator objects, a 100,000-character string, Unicode edge cases, odd strings
 * and unknown enum values; a body over 1 MiB (413 expected when {@code Content-Length} announces
 * it) and the same chunked; an unexpected content type; mass-assignment fields; for every path
 * parameter, traversal and odd identifiers; for every query and header parameter, operators, odd
 * and out-of-range values. Every answer is checked against the platform's rules:
 * <ul>
 * <li>never a 5xx;</li>
 * <li>a 4xx is RFC 9457 {@code application/problem+json} (a JSON object whose {@code status},
 * when present, is the HTTP status, and whose {@code errors}, when present, name fields);</li>
 * <li>no answer shows internals (stack frames, Java class names of the frameworks);</li>
 * <li>a rejected (4xx) request stores nothing: the service's database is snapshotted before and
 * after, and must be equal;</li>
 * <li>an outsider never receives one of the fixtures' secrets (a contact e-mail, an owner's
 * subject…), whatever the status;</li>
 * <li>fields a client must not set (ids, owner, version) are not taken from a body;</li>
 * <li>a plain value of another JSON type (a string for a number, a number for a string or a
 * boolean) is refused, not coerced.</li>
 * </ul>
 * The randomness (which other caller gets a case, which Unicode sample a field gets) comes from one
 * seed, printed in the summary, so a run can be replayed.
 */
public final class ApiFuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INTERNALS = Pattern.compile(
            "\\tat |\\bat [a-z]+\\.[a-z]+\\.[\\w.$]+\\(|java\\.lang\\.|org\\.springframework\\.|tools\\.jackson\\.|com\\.fasterxml\\."
                    + "|com\\.mongodb\\.|org\\.bson\\.|org\\.apache\\.|eus\\.elkarlan\\.[\\w.]*\\.[A-Z]\\w*|\\.java:\\d+");
    private static final String MASS_ASSIGNMENT = "fuzz-mass-assignment";
    private static final int HUGE_FIELD = 100_000;
    private static final String VALID = "valid request";
    /** {@code -Delkarlan.fuzz.trace=true} or {@code ELKARLAN_FUZZ_TRACE=true} prints every request with its status. */
    private static final boolean TRACE = Boolean.getBoolean("elkarlan.fuzz.trace")
            || "true".equalsIgnoreCase(System.getenv("ELKARLAN_FUZZ_TRACE"));

    private final String service;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private long seed = 20261129L;
    private String pathPrefix = "/api/";
    private final List<FuzzCaller> callers = new ArrayList<>();
    private final Map<String, FuzzCaller> actors = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private BiFunction<FuzzOperation, String, String> pathValueFunction = (op, name) -> null;
    private final Map<String, String> queryValues = new LinkedHashMap<>();
    private final Map<String, Supplier<Object>> bodies = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> headers = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private final Set<String> insidersOnly = new java.util.HashSet<>();
    private Supplier<StoreSnapshot> store;
    private BooleanSupplier settled = () -> true;
    private double otherCallerShare = 0.1;
    private double sample = 1.0;
    private long maxBodyBytes = 1024 * 1024;
    private Duration requestTimeout = Duration.ofSeconds(30);

    private ApiFuzzer(String service, URI base) {
        this.service = service;
        this.base = base;
    }

    /** A fuzzer for the service listening on 127.0.0.1:{@code port}. */
    public static ApiFuzzer forService(String service, int port) {
        return new ApiFuzzer(service, URI.create("http://127.0.0.1:" + port));
    }

    public ApiFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Only operations whose path starts with this ({@code /api/} by default). */
    public ApiFuzzer pathPrefix(String prefix) {
        this.pathPrefix = prefix;
        return this;
    }

    /** The callers; the first insider is every operation's actor unless {@link #actor} says otherwise. */
    public ApiFuzzer callers(FuzzCaller... callers) {
        this.callers.addAll(List.of(callers));
        return this;
    }

    /** The caller whose requests get furthest on operations whose key ({@code "POST /api/v1/x"}) starts with {@code keyPrefix}. */
    public ApiFuzzer actor(String keyPrefix, FuzzCaller actor) {
        actors.put(keyPrefix, actor);
        return this;
    }

    /** A valid value for every path parameter of this name. */
    public ApiFuzzer pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** Valid path values that depend on the operation; answer {@code null} to fall back on {@link #pathValue}. */
    public ApiFuzzer pathValues(BiFunction<FuzzOperation, String, String> values) {
        this.pathValueFunction = values;
        return this;
    }

    /** A valid value for every query parameter of this name (else one is made from its schema). */
    public ApiFuzzer queryValue(String name, String value) {
        queryValues.put(name, value);
        return this;
    }

    /** A valid body for an operation ({@code "POST /api/v1/events"}): a map, a record, a JSON string or node. */
    public ApiFuzzer body(String operationKey, Supplier<Object> body) {
        bodies.put(operationKey, body);
        return this;
    }

    /** Headers every request of an operation carries (such as {@code If-Match: *}). */
    public ApiFuzzer headers(String operationKey, Map<String, String> values) {
        headers.put(operationKey, values);
        return this;
    }

    /** Leaves an operation out, with the reason printed in the summary. */
    public ApiFuzzer skip(String operationKey, String why) {
        skipped.put(operationKey, why);
        return this;
    }

    /** A string that no outsider may ever receive (a contact e-mail, an owner's subject…). */
    public ApiFuzzer secret(String value) {
        secrets.add(value);
        return this;
    }

    /**
     * An operation that only insiders may use on the fixtures (another company's export, matches,
     * agenda…): an outsider's valid request must not succeed.
     */
    public ApiFuzzer insidersOnly(String operationKey) {
        insidersOnly.add(operationKey);
        return this;
    }

    /** How the service's database is read; without it, the store rule is not checked. */
    public ApiFuzzer store(Supplier<StoreSnapshot> store) {
        this.store = store;
        return this;
    }

    /**
     * True when the service's background work caused by an accepted request is done (an outbox
     * drained…): the fuzzer waits for it before taking the next "before" snapshot.
     */
    public ApiFuzzer settledWhen(BooleanSupplier settled) {
        this.settled = settled;
        return this;
    }

    /** The share of cases also sent by a random other caller (0.1 by default). */
    public ApiFuzzer otherCallerShare(double share) {
        this.otherCallerShare = share;
        return this;
    }

    /**
     * The share of each operation's spoiled cases that is sent (1 by default: all); the valid
     * request, the oversized bodies and the unknown-parameter case are always sent. The choice comes
     * from the seed, so a run can be replayed. For a pass through the gateway, where every service's
     * own pass has already sent every case.
     */
    public ApiFuzzer sample(double share) {
        this.sample = share;
        return this;
    }

    /** The body size limit the service enforces (1 MiB by default). */
    public ApiFuzzer maxBodyBytes(long bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /** Fetches the OpenAPI document, sends every case, checks every answer, prints the summary. */
    public FuzzReport run() {
        long started = System.nanoTime();
        List<FuzzOperation> operations = OpenApiDocument.parse(fetchDocument()).operations(pathPrefix).stream()
                .filter(op -> !skipped.containsKey(op.key())).toList();
        if (operations.isEmpty()) {
            throw new IllegalStateException(service + ": the OpenAPI document lists no operation under " + pathPrefix);
        }
        if (callers.stream().noneMatch(c -> !c.outsider())) {
            throw new IllegalStateException("at least one insider caller is needed to reach the validation");
        }
        FuzzReport report = new FuzzReport(service, seed, operations.size());
        Run run = new Run(report, new Random(seed));
        run.baseline = snapshotWhenSettled();
        for (FuzzOperation operation : operations) {
            run.operation(operation);
        }
        report.elapsed(Duration.ofNanos(System.nanoTime() - started));
        String summary = report.summary();
        if (!skipped.isEmpty()) {
            summary += "  left out: " + skipped + System.lineSeparator();
        }
        System.out.print(summary);
        return report;
    }

    private String fetchDocument() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v3/api-docs"))
                    .timeout(requestTimeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " serves no OpenAPI document: /v3/api-docs answered "
                        + response.statusCode());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new IllegalStateException(service + ": cannot read /v3/api-docs", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private StoreSnapshot snapshotWhenSettled() {
        if (store == null) {
            return null;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!settled.getAsBoolean() && System.nanoTime() < deadline) {
            pause(20);
        }
        StoreSnapshot previous = store.get();
        for (int i = 0; i < 60; i++) {
            pause(30);
            StoreSnapshot next = store.get();
            if (next.equals(previous)) {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request to send: a label saying what it tries, and the field it spoils (or null). */
    private record Case(String label, String field, String pathAndQuery, String contentType, byte[] body, boolean chunked,
            Map<String, String> headers, Integer expectedStatus, boolean validAsWell, Spoil spoil) {

        Case(String label, String field, String pathAndQuery, String contentType, byte[] body, boolean chunked,
                Map<String, String> headers, Integer expectedStatus) {
            this(label, field, pathAndQuery, contentType, body, chunked, headers, expectedStatus, false, Spoil.OTHER);
        }
    }

    /** What a field mutation put where a plain value (string, number, boolean) stood. */
    private enum Spoil {
        OPERATOR_FOR_VALUE, WRONG_TYPE_FOR_VALUE, OTHER
    }

    private final class Run {

        private final FuzzReport report;
        private final Random random;
        private StoreSnapshot baseline;

        Run(FuzzReport report, Random random) {
            this.report = report;
            this.random = random;
        }

        void operation(FuzzOperation op) {
            FuzzCaller actor = actorOf(op);
            Map<String, String> path = validPathValues(op);
            Map<String, String> query = validQuery(op);
            JsonNode body = op.hasBody() ? validBody(op) : null;
            Map<String, String> fixedHeaders = headers.getOrDefault(op.key(), Map.of());

            Case valid = new Case(VALID, null, pathAndQuery(op, path, query), "application/json",
                    body == null ? null : write(body), false, fixedHeaders, null);
            for (FuzzCaller caller : callers) {
                if (op.safe() || caller.outsider()) {
                    send(op, caller, valid);
                }
            }

            List<Case> cases = new ArrayList<>();
            pathCases(op, path, query, body, fixedHeaders, cases);
            queryCases(op, path, query, body, fixedHeaders, cases);
            headerCases(op, path, query, body, fixedHeaders, cases);
            if (body != null) {
                bodyCases(op, pathAndQuery(op, path, query), body, fixedHeaders, cases);
            }
            List<FuzzCaller> others = callers.stream().filter(c -> c != actor).toList();
            for (Case c : cases) {
                if (sample < 1.0 && c.expectedStatus() == null && !c.validAsWell() && random.nextDouble() >= sample) {
                    continue;
                }
                if (c.validAsWell() && !op.safe()) {
                    // as harmless as the valid request only for outsiders: the actor would really change the fixtures
                    callers.stream().filter(FuzzCaller::outsider).forEach(caller -> send(op, caller, c));
                    continue;
                }
                send(op, actor, c);
                if (!others.isEmpty() && random.nextDouble() < otherCallerShare) {
                    send(op, others.get(random.nextInt(others.size())), c);
                }
            }
        }

        private void pathCases(FuzzOperation op, Map<String, String> path, Map<String, String> query, JsonNode body,
                Map<String, String> fixedHeaders, List<Case> cases) {
            byte[] bytes = body == null ? null : write(body);
            for (FuzzOperation.Parameter p : op.parameters("path")) {
                List<String> raws = new ArrayList<>(HostileValues.RAW_PATH_IDS);
                raws.add(encode(path.get(p.name()) + HostileValues.UNICODE.get(random.nextInt(4))));
                raws.add(encode(path.get(p.name()).toUpperCase(Locale.ROOT)));
                for (String raw : raws) {
                    Map<String, String> spoiled = new LinkedHashMap<>(path);
                    spoiled.put(p.name(), raw);
                    cases.add(new Case("path " + p.name() + "=" + abbreviate(raw), null, pathAndQuery(op, spoiled, query),
                            "application/json", bytes, false, fixedHeaders, null));
                }
            }
        }

        private void queryCases(FuzzOperation op, Map<String, String> path, Map<String, String> query, JsonNode body,
                Map<String, String> fixedHeaders, List<Case> cases) {
            byte[] bytes = body == null ? null : write(body);
            List<FuzzOperation.Parameter> parameters = op.parameters("query");
            for (FuzzOperation.Parameter p : parameters) {
                List<String> raws = new ArrayList<>(HostileValues.rawQueryValues(encode(p.name())));
                if (p.schema().path("enum").isArray() && !p.schema().path("enum").isEmpty()) {
                    raws.add(encode(p.name()) + "=" + encode(p.schema().path("enum").get(0).asString().toLowerCase(Locale.ROOT)));
                }
                for (String raw : raws) {
                    Map<String, String> rest = new LinkedHashMap<>(query);
                    rest.remove(p.name());
                    String others = queryString(rest);
                    String q = others.isEmpty() ? raw : others + "&" + raw;
                    cases.add(new Case("query " + abbreviate(raw), null, expand(op.path(), path) + "?" + q, "application/json",
                            bytes, false, fixedHeaders, null));
                }
            }
            String unknown = "%24where=sleep(2000)&_id%5B%24ne%5D=x&" + queryString(query);
            // the valid request with parameters the operation does not know: it must still be only the valid request
            cases.add(new Case("unknown operator parameters", null, expand(op.path(), path) + "?" + unknown,
                    "application/json", bytes, false, fixedHeaders, null, true, Spoil.OTHER));
        }

        private void headerCases(FuzzOperation op, Map<String, String> path, Map<String, String> query, JsonNode body,
                Map<String, String> fixedHeaders, List<Case> cases) {
            byte[] bytes = body == null ? null : write(body);
            for (FuzzOperation.Parameter p : op.parameters("header")) {
                if (Set.of("authorization", "content-type", "content-length", "host").contains(p.name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String value : List.of("\"99999999999999999999999\"", "\"-1\"", "W/\"x\"", "{\"$gt\": \"\"}", "$ne",
                        ",,,", "\"987654\", \"987655\"", "x".repeat(6000), "zz-ZZ;q=2, *;q=-1", "\u00e9\u00f1")) {
                    Map<String, String> h = new LinkedHashMap<>(fixedHeaders);
                    h.put(p.name(), value);
                    cases.add(new Case("header " + p.name() + ": " + abbreviate(value), null, pathAndQuery(op, path, query),
                            "application/json", bytes, false, h, null));
                }
            }
        }

        private void bodyCases(FuzzOperation op, String target, JsonNode body, Map<String, String> h, List<Case> cases) {
            for (String malformed : HostileValues.malformedBodies()) {
                cases.add(new Case("malformed body " + abbreviate(malformed), null, target, "application/json",
                        malformed.getBytes(StandardCharsets.UTF_8), false, h, null));
            }
            cases.add(new Case("no body", null, target, "application/json", new byte[0], false, h, null));
            cases.add(new Case("body as text/plain", null, target, "text/plain", write(body), false, h, null));
            cases.add(new Case("body as form", null, target, "application/x-www-form-urlencoded",
                    "a=1&%24gt=".getBytes(StandardCharsets.UTF_8), false, h, null));
            byte[] oversized = oversized(body);
            cases.add(new Case("body over the limit, Content-Length", null, target, "application/json", oversized, false, h, 413));
            cases.add(new Case("body over the limit, chunked", null, target, "application/json", oversized, true, h, null));

            ObjectNode massAssignment = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.createObjectNode();
            for (String field : List.of("_id", "id", "ownerSubject", "owner", "organizerSubject", "createdBy")) {
                massAssignment.put(field, MASS_ASSIGNMENT);
            }
            massAssignment.put("version", 987654321);
            massAssignment.put("erased", true);
            massAssignment.put("$where", "sleep(2000) || true");
            massAssignment.putObject("__proto__").put("admin", true);
            cases.add(new Case("mass assignment", null, target, "application/json", write(massAssignment), false, h, null));

            for (int i = 0; i < HostileValues.UNICODE.size(); i++) {
                String value = HostileValues.UNICODE.get(i);
                JsonNode everywhere = replaceStrings(body.deepCopy(), value);
                cases.add(new Case("every string " + abbreviate(value), null, target, "application/json", write(everywhere),
                        false, h, null));
            }

            for (List<Object> path : paths(body)) {
                String field = fieldName(path);
                JsonNode original = at(body, path);
                List<JsonNode> values = new ArrayList<>();
                values.add(HostileValues.NODES.nullNode());
                values.addAll(HostileValues.wrongTypes(original));
                values.addAll(HostileValues.OPERATORS);
                values.add(HostileValues.NODES.stringNode(HostileValues.huge(HUGE_FIELD)));
                values.add(HostileValues.NODES.stringNode(HostileValues.UNICODE.get(random.nextInt(HostileValues.UNICODE.size()))));
                values.add(HostileValues.NODES.stringNode(HostileValues.UNICODE.get(random.nextInt(HostileValues.UNICODE.size()))));
                values.add(HostileValues.NODES.stringNode(HostileValues.SPECIAL.get(random.nextInt(HostileValues.SPECIAL.size()))));
                JsonNode schema = schemaAt(op.bodySchema(), path);
                if (schema != null && schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
                    values.add(HostileValues.NODES.stringNode("NOT_A_VALUE"));
                    values.add(HostileValues.NODES.stringNode(schema.path("enum").get(0).asString().toLowerCase(Locale.ROOT)));
                }
                boolean plainValue = original != null && original.isValueNode() && !original.isNull();
                List<JsonNode> wrongTypes = HostileValues.wrongTypes(original);
                for (JsonNode value : values) {
                    JsonNode spoiled = body.deepCopy();
                    set(spoiled, path, value);
                    // a number out of range is the right type: only another JSON type counts as a wrong one
                    Spoil spoil = !plainValue ? Spoil.OTHER
                            : HostileValues.OPERATORS.contains(value) ? Spoil.OPERATOR_FOR_VALUE
                                    : wrongTypes.contains(value) && value.getNodeType() != original.getNodeType()
                                            ? Spoil.WRONG_TYPE_FOR_VALUE : Spoil.OTHER;
                    cases.add(new Case(field + "=" + abbreviate(value.toString()), field, target, "application/json",
                            write(spoiled), false, h, null, false, spoil));
                }
                JsonNode missing = body.deepCopy();
                remove(missing, path);
                cases.add(new Case(field + " missing", field, target, "application/json", write(missing), false, h, null));
            }
        }

        private void send(FuzzOperation op, FuzzCaller caller, Case c) {
            String description = "[" + c.label() + "] " + caller.name() + " " + op.method() + " " + abbreviate(c.pathAndQuery());
            HttpRequest request;
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + c.pathAndQuery())).timeout(requestTimeout)
                        .header("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.8");
                String token = caller.token();
                if (token != null) {
                    builder.header("Authorization", "Bearer " + token);
                }
                c.headers().forEach(builder::header);
                if (c.body() == null) {
                    builder.method(op.method(), HttpRequest.BodyPublishers.noBody());
                }
                else {
                    builder.header("Content-Type", c.contentType());
                    builder.method(op.method(), c.chunked()
                            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
                }
                request = builder.build();
            }
            catch (IllegalArgumentException ex) {
                report.unsendable();
                return;
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            catch (IOException ex) {
                report.answered(op.key(), 0);
                report.fail("no answer (connection failed or reset)", op.key(), description, 0, ex.toString());
                baseline = snapshotWhenSettled();
                return;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            int status = response.statusCode();
            String text = new String(response.body(), StandardCharsets.UTF_8);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            report.answered(op.key(), status);
            if (TRACE) {
                System.out.println("fuzz " + status + " " + description);
            }
            check(op, caller, c, description, status, contentType, text);
        }

        private void check(FuzzOperation op, FuzzCaller caller, Case c, String description, int status, String contentType,
                String text) {
            String excerpt = abbreviate(text.replaceAll("\\s+", " "));
            if (status >= 500) {
                report.fail("5xx", op.key(), description, status, excerpt);
            }
            // another caller may be refused first (401, 403: a gateway checks the token before the body's size)
            boolean refusedFirst = caller != actorOf(op) && (status == 401 || status == 403);
            if (c.expectedStatus() != null && status != c.expectedStatus() && !refusedFirst) {
                report.fail("expected " + c.expectedStatus(), op.key(), description, status, excerpt);
            }
            if (status >= 400 && status < 500) {
                problemDetails(op, c, description, status, contentType, text, excerpt);
            }
            if (status >= 400 && INTERNALS.matcher(text).find()) {
                report.fail("internals shown", op.key(), description, status, excerpt);
            }
            if (caller.outsider()) {
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        report.fail("another company's data", op.key(), description, status, "the answer holds " + secret);
                    }
                }
            }
            if (caller.outsider() && c.label().equals(VALID) && insidersOnly.contains(op.key()) && status < 300) {
                report.fail("another company's data", op.key(), description, status, "an outsider was served " + excerpt);
            }
            if (status >= 200 && status < 300 && c.spoil() == Spoil.OPERATOR_FOR_VALUE) {
                report.fail("operator object accepted where a value is expected", op.key(), description, status, excerpt);
            }
            if (status >= 200 && status < 300 && c.spoil() == Spoil.WRONG_TYPE_FOR_VALUE) {
                // DESIGN: a wrong type gets 400 (a JSON string for a number, a number for a string…)
                report.coerced(op.key() + " " + c.label());
                report.fail("wrong JSON type accepted", op.key(), description, status, excerpt);
            }
            if (status >= 200 && status < 300 && text.contains(MASS_ASSIGNMENT)) {
                report.fail("mass assignment", op.key(), description, status, excerpt);
            }
            if (store != null) {
                if (status >= 400 && status < 500) {
                    StoreSnapshot after = store.get();
                    List<String> differences = after.differencesFrom(baseline);
                    if (!differences.isEmpty()) {
                        report.fail("stored change from a rejected request", op.key(), description, status,
                                String.join("; ", differences));
                        baseline = snapshotWhenSettled();
                    }
                }
                else {
                    baseline = snapshotWhenSettled();
                }
            }
        }

        private void problemDetails(FuzzOperation op, Case c, String description, int status, String contentType, String text,
                String excerpt) {
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                report.fail("4xx not problem+json", op.key(), description, status,
                        "Content-Type '" + contentType + "', body " + excerpt);
                return;
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(text);
            }
            catch (RuntimeException ex) {
                report.fail("problem details not JSON", op.key(), description, status, excerpt);
                return;
            }
            if (!problem.isObject()) {
                report.fail("problem details not a JSON object", op.key(), description, status, excerpt);
                return;
            }
            if (problem.has("status") && problem.get("status").asInt() != status) {
                report.fail("problem status differs from the HTTP status", op.key(), description, status, excerpt);
            }
            JsonNode errors = problem.path("errors");
            if (!errors.isMissingNode()) {
                boolean wellFormed = errors.isArray();
                for (JsonNode e : errors) {
                    wellFormed &= e.path("field").isString();
                }
                if (!wellFormed) {
                    report.fail("\"errors\" does not name fields", op.key(), description, status, excerpt);
                }
            }
            if (status == 400 && c.field() != null) {
                boolean named = false;
                for (JsonNode e : errors) {
                    String f = e.path("field").asString();
                    named |= !f.isEmpty() && (f.equals(c.field()) || c.field().startsWith(f + ".") || c.field().startsWith(f + "[")
                            || f.startsWith(c.field()));
                }
                report.fieldRejected(named, op.key() + " " + c.label() + " → " + abbreviate(errors.toString()));
            }
        }

        private FuzzCaller actorOf(FuzzOperation op) {
            String best = null;
            for (String prefix : actors.keySet()) {
                if (op.key().startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best != null) {
                return actors.get(best);
            }
            return callers.stream().filter(c -> !c.outsider()).findFirst().orElseThrow();
        }

        private Map<String, String> validPathValues(FuzzOperation op) {
            Map<String, String> values = new LinkedHashMap<>();
            for (FuzzOperation.Parameter p : op.parameters("path")) {
                String value = pathValueFunction.apply(op, p.name());
                if (value == null) {
                    value = pathValues.get(p.name());
                }
                if (value == null) {
                    value = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
                }
                values.put(p.name(), encode(value));
            }
            return values;
        }

        private Map<String, String> validQuery(FuzzOperation op) {
            Map<String, String> values = new LinkedHashMap<>();
            for (FuzzOperation.Parameter p : op.parameters("query")) {
                String value = queryValues.get(p.name());
                if (value == null && p.required()) {
                    value = example(p.schema());
                }
                if (value != null) {
                    values.put(p.name(), encode(value));
                }
            }
            return values;
        }

        private JsonNode validBody(FuzzOperation op) {
            Supplier<Object> supplier = bodies.get(op.key());
            if (supplier != null) {
                Object value = supplier.get();
                if (value instanceof JsonNode node) {
                    return node;
                }
                if (value instanceof String s) {
                    return JSON.readTree(s);
                }
                return JSON.valueToTree(value);
            }
            return exampleNode(op.bodySchema(), 0);
        }
    }

    // --- JSON paths -------------------------------------------------------------------------

    /** Every field of the body, nested ones included; for arrays the array and its first element. */
    static List<List<Object>> paths(JsonNode body) {
        List<List<Object>> paths = new ArrayList<>();
        collect(body, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(JsonNode node, List<Object> prefix, List<List<Object>> paths) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(name);
                paths.add(path);
                collect(node.get(name), path, paths);
            }
        }
        else if (node.isArray() && !node.isEmpty()) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(0);
            paths.add(path);
            collect(node.get(0), path, paths);
        }
    }

    static String fieldName(List<Object> path) {
        StringBuilder s = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer i) {
                s.append('[').append(i).append(']');
            }
            else {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(part);
            }
        }
        return s.toString();
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object part : path) {
            node = part instanceof Integer i ? node.get(i) : node.get((String) part);
        }
        return node;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        }
        else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private static void remove(JsonNode root, List<Object> path) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        }
        else {
            ((ObjectNode) parent).remove((String) last);
        }
    }

    private static JsonNode schemaAt(JsonNode schema, List<Object> path) {
        JsonNode node = schema;
        for (Object part : path) {
            if (node == null) {
                return null;
            }
            node = part instanceof Integer ? node.get("items") : node.path("properties").get((String) part);
        }
        return node;
    }

    private static JsonNode replaceStrings(JsonNode node, String value) {
        if (node.isString()) {
            return HostileValues.NODES.stringNode(value);
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String name : new ArrayList<>(object.propertyNames())) {
                object.set(name, replaceStrings(object.get(name), value));
            }
        }
        else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceStrings(array.get(i), value));
            }
        }
        return node;
    }

    // --- values from schemas -----------------------------------------------------------------

    private static String example(JsonNode schema) {
        JsonNode node = exampleNode(schema, 0);
        return node.isString() ? node.asString() : node.toString();
    }

    /** A plausible value for a schema: its example, default or first enum value, else one of its type. */
    static JsonNode exampleNode(JsonNode schema, int depth) {
        if (schema == null || depth > 8) {
            return HostileValues.NODES.nullNode();
        }
        for (String key : List.of("example", "default")) {
            if (schema.has(key) && !schema.get(key).isNull()) {
                return schema.get(key);
            }
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return switch (OpenApiDocument.type(schema)) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                schema.path("properties").properties().forEach(e -> object.set(e.getKey(), exampleNode(e.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> JSON.createArrayNode().add(exampleNode(schema.path("items"), depth + 1));
            case "integer" -> HostileValues.NODES.numberNode(Math.max(1, schema.path("minimum").asInt(1)));
            case "number" -> HostileValues.NODES.numberNode(1.0);
            case "boolean" -> HostileValues.NODES.booleanNode(false);
            case "string" -> HostileValues.NODES.stringNode(switch (schema.path("format").asString("")) {
                case "date" -> "2030-06-11";
                case "date-time" -> "2030-06-01T18:00:00Z";
                case "email" -> "fuzz@example.org";
                case "uri", "url" -> "https://example.org";
                case "uuid" -> "00000000-0000-4000-8000-000000000000";
                default -> "fuzz";
            });
            default -> HostileValues.NODES.nullNode();
        };
    }

    // --- text helpers ------------------------------------------------------------------------

    private static byte[] write(JsonNode node) {
        String json = JSON.writeValueAsString(node);
        // Jackson escapes control characters but writes a lone surrogate as it is; send its JSON escape
        json = json.replace(jsonEscaped(HostileValues.LONE_SURROGATE), "\\ud800");
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonEscaped(String s) {
        String json = JSON.writeValueAsString(s);
        return json.substring(1, json.length() - 1);
    }

    private byte[] oversized(JsonNode body) {
        ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.createObjectNode();
        copy.put("padding", HostileValues.huge((int) maxBodyBytes + 64 * 1024));
        return write(copy);
    }

    private static String pathAndQuery(FuzzOperation op, Map<String, String> path, Map<String, String> query) {
        String q = queryString(query);
        return expand(op.path(), path) + (q.isEmpty() ? "" : "?" + q);
    }

    private static String expand(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path;
    }

    private static String queryString(Map<String, String> encoded) {
        List<String> parts = new ArrayList<>();
        encoded.forEach((k, v) -> parts.add(encode(k) + "=" + v));
        return String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        String visible = s.replace("\u0000", "\\0");
        return visible.length() <= 80 ? visible : visible.substring(0, 60) + "…(" + visible.length() + " chars)";
    }
}
