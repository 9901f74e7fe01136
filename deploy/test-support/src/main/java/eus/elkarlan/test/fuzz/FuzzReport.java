package eus.elkarlan.test.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a fuzz run sent, what came back, and every broken rule. */
public final class FuzzReport {

    /** A broken rule: what kind, on which request, and what was seen. */
    public record Failure(String kind, String operation, String request, int status, String detail) {
        @Override
        public String toString() {
            return kind + " — " + request + " → " + status + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final String service;
    private final long seed;
    private final int operations;
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> byOperation = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> coerced = new ArrayList<>();
    private final List<String> unnamed = new ArrayList<>();
    private int requests;
    private int fieldRejections;
    private int fieldRejectionsNamingTheField;
    private int unsendable;
    private Duration elapsed = Duration.ZERO;

    FuzzReport(String service, long seed, int operations) {
        this.service = service;
        this.seed = seed;
        this.operations = operations;
    }

    void answered(String operation, int status) {
        requests++;
        byStatus.merge(status, 1, Integer::sum);
        byOperation.merge(operation, 1, Integer::sum);
    }

    void fieldRejected(boolean namedTheField, String what) {
        fieldRejections++;
        if (namedTheField) {
            fieldRejectionsNamingTheField++;
        }
        else {
            unnamed.add(what);
        }
    }

    void coerced(String what) {
        coerced.add(what);
    }

    /** Field mutations of the wrong JSON type that were accepted (coerced) rather than refused with 400. */
    public List<String> coerced() {
        return List.copyOf(coerced);
    }

    void unsendable() {
        unsendable++;
    }

    void fail(String kind, String operation, String request, int status, String detail) {
        failures.add(new Failure(kind, operation, request, status, detail));
    }

    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }

    public int requests() {
        return requests;
    }

    public int operations() {
        return operations;
    }

    public Map<Integer, Integer> byStatus() {
        return Map.copyOf(byStatus);
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Requests answered with this status. */
    public int count(int status) {
        return byStatus.getOrDefault(status, 0);
    }

    /** The summary printed at the end of a run. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "API fuzz of %s (seed %d): %d operations, %d requests in %.1f s%n", service, seed,
                operations, requests, elapsed.toMillis() / 1000.0));
        s.append("  answers by status: ").append(byStatus.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(" "))).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "  field mutations answered 400: %d, naming the field in \"errors\": %d%n",
                fieldRejections, fieldRejectionsNamingTheField));
        if (!unnamed.isEmpty()) {
            s.append("    not naming it, e.g. ").append(unnamed.stream().limit(5).collect(Collectors.joining("; ")))
                    .append(System.lineSeparator());
        }
        if (!coerced.isEmpty()) {
            s.append("  wrong JSON types accepted (coerced, not refused): ").append(coerced.size()).append(", e.g. ")
                    .append(coerced.stream().limit(8).collect(Collectors.joining("; "))).append(System.lineSeparator());
        }
        if (unsendable > 0) {
            s.append("  not sendable by the HTTP client (skipped): ").append(unsendable).append(System.lineSeparator());
        }
        s.append("  requests per operation: ").append(byOperation.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))).append(System.lineSeparator());
        s.append("  broken rules: ").append(failures.size()).append(System.lineSeparator());
        Map<String, List<Failure>> grouped = failures.stream()
                .collect(Collectors.groupingBy(f -> f.kind() + " on " + f.operation(), TreeMap::new, Collectors.toList()));
        grouped.forEach((group, list) -> {
            s.append("    ").append(list.size()).append("× ").append(list.get(0)).append(System.lineSeparator());
        });
        return s.toString();
    }

    /** Throws an {@link AssertionError} listing every broken rule (grouped) when there is one. */
    public FuzzReport assertNoBrokenRules() {
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(summary());
            message.append("first failures:").append(System.lineSeparator());
            failures.stream().limit(40).forEach(f -> message.append("  ").append(f).append(System.lineSeparator()));
            throw new AssertionError(message.toString());
        }
        return this;
    }
}
