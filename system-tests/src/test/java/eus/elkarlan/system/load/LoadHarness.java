package eus.elkarlan.system.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eus.elkarlan.system.LegalIds;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load and footprint harness of the local stack (not a test: it asserts nothing, it prints
 * figures). Against a running stack ({@code ./elkarlan up}), through the gateway with real tokens:
 * <ol>
 * <li>footprint at rest: resident memory of each service and its start time (from its log);</li>
 * <li>reads: directory searches and match lists by several concurrent clients, throughput and
 * latency (p50, p99);</li>
 * <li>registrations at a fixed rate (open loop, default 50 per second), their latency, and the
 * end-to-end latency from a registration's {@code 201} to its first match being served;</li>
 * <li>footprint under that load: peak resident memory, and CPU seconds of the five services (and of
 * MongoDB, Kafka and Keycloak beside them) per 1,000 registrations.</li>
 * </ol>
 * Run with {@code mvn -B -pl system-tests -am -Pload verify} (starts the stack unless one runs);
 * {@code -Dload.rate=50 -Dload.seconds=20 -Dload.readSeconds=20 -Dload.clients=8} set the load.
 * Users are created in Keycloak beforehand (their sign-in costs Keycloak a password hash each,
 * which is why the preparation takes a while; it is not measured).
 */
public final class LoadHarness {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String KEYCLOAK = "http://127.0.0.1:8180";
    static final String[] SERVICES = { "gateway", "company-service", "matching-service", "event-service", "notification-service" };
    /** The parts beside the services, whose CPU is reported too (the MongoDB-wire server serves all four databases). */
    static final String[] INFRASTRUCTURE = { "mongodb", "kafka", "keycloak" };
    static final String PASSWORD = "Load-Pass-2026x";
    /** One registration in this many is watched until its matches are served (the watching is load too). */
    static final int WATCH_EVERY = 5;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16)).build();
    /** Unseeded: a run on the data a previous run left would otherwise draw the same legal ids again (409). */
    static final Random RANDOM = new Random();

    private final Path home;
    private final int rate;
    private final int seconds;
    private final int readSeconds;
    private final int clients;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    /** Reads answered with neither 200 nor 429, over all read phases. */
    private final AtomicInteger readErrors = new AtomicInteger();

    LoadHarness(Path home, int rate, int seconds, int readSeconds, int clients) {
        this.home = home;
        this.rate = rate;
        this.seconds = seconds;
        this.readSeconds = readSeconds;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("elkarlan.home", ".")).toAbsolutePath().normalize();
        int code = 0;
        try {
            new LoadHarness(home, Integer.getInteger("load.rate", 50), Integer.getInteger("load.seconds", 20),
                    Integer.getInteger("load.readSeconds", 20), Integer.getInteger("load.clients", 8)).run();
        }
        catch (Exception | Error ex) {
            ex.printStackTrace();
            code = 1;
        }
        System.exit(code); // the HTTP client's threads would keep the JVM alive
    }

    void run() throws Exception {
        System.out.printf("Elkarlan load harness: %d registrations/s for %d s, reads by %d clients for %d s; machine: %d cores, load %s%n",
                rate, seconds, clients, readSeconds, Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, Long> pids = servicePids();
        System.out.println();
        System.out.println("Footprint at rest");
        System.out.println("| service | resident memory | heap limit | started in |");
        System.out.println("|---|---|---|---|");
        long idleTotal = 0;
        for (String service : SERVICES) {
            long rss = residentKb(pids.get(service));
            idleTotal += rss;
            System.out.printf("| %s | %d MiB | %s | %s |%n", service, rss / 1024, heapLimit(pids.get(service)), startTime(service));
        }
        System.out.printf("| **five services** | **%d MiB** | | |%n", idleTotal / 1024);

        int registrations = rate * seconds;
        System.out.printf("%nPreparing %d users in Keycloak and their tokens (not measured)…%n", registrations + 1);
        long prepared = System.nanoTime();
        List<String> tokens = prepareUsers(registrations + 1);
        System.out.printf("  %d tokens in %.0f s%n", tokens.size(), (System.nanoTime() - prepared) / 1e9);
        String reader = tokens.remove(tokens.size() - 1);
        String readerCompany = register(reader, registrations + 1).id();
        // the gateway limits each client (README: rate limits per role); the reads are spread over
        // the prepared users so that the limit of one is not what is measured
        AtomicInteger turn = new AtomicInteger();
        TokenSupplier anyUser = () -> tokens.get(Math.floorMod(turn.getAndIncrement(), tokens.size()));

        System.out.println();
        System.out.println("Reads through the gateway (" + clients + " concurrent clients, " + readSeconds + " s each)");
        System.out.println("| request | requests/s | p50 | p99 | 429 (rate-limited) | errors |");
        System.out.println("|---|---|---|---|---|---|");
        String[] queries = { "cloud", "web", "zibersegurtasun", "données", "tienda" };
        reads("directory search `GET /api/v1/companies?q=`", () -> "/api/v1/companies?q="
                + URLEncoder.encode(queries[RANDOM.nextInt(queries.length)], StandardCharsets.UTF_8), anyUser);
        reads("match list `GET /api/v1/companies/{id}/matches` (an organizer's token)", () -> "/api/v1/companies/"
                + readerCompany + "/matches?limit=20", organizerTokens());

        System.out.println();
        System.out.printf("Registrations at %d/s for %d s (open loop), and the time until each one's matches are served%n", rate, seconds);
        Map<String, long[]> cpuBefore = new LinkedHashMap<>();
        for (String service : SERVICES) {
            cpuBefore.put(service, cpuTicks(pids.get(service)));
        }
        Map<String, Long> infrastructure = infrastructurePids();
        infrastructure.forEach((part, pid) -> cpuBefore.put(part, cpuTicks(pid)));
        Map<String, Long> peak = new LinkedHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            for (String service : SERVICES) {
                peak.merge(service, residentKb(pids.get(service)), Math::max);
            }
        }, 0, 500, TimeUnit.MILLISECONDS);

        ConcurrentLinkedQueue<Long> registrationLatency = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> matchLatency = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger noMatch = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(registrations);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(8, rate));
        ExecutorService watchers = Executors.newCachedThreadPool();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastRegistered = new AtomicLong(started);
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= registrations) {
                return;
            }
            workers.execute(() -> {
                try {
                    long t0 = System.nanoTime();
                    Registered company = register(tokens.get(i), i);
                    long t1 = System.nanoTime();
                    registrationLatency.add(t1 - t0);
                    lastRegistered.accumulateAndGet(t1, Math::max);
                    if (i % WATCH_EVERY != 0) {
                        finished.countDown();
                        return;
                    }
                    watchers.execute(() -> {
                        try {
                            Long visible = firstMatch(tokens.get(i), company.id(), t1);
                            if (visible == null) {
                                noMatch.incrementAndGet();
                            }
                            else {
                                matchLatency.add(visible);
                            }
                        }
                        finally {
                            finished.countDown();
                        }
                    });
                }
                catch (RuntimeException ex) {
                    failed.incrementAndGet();
                    finished.countDown();
                    if (failed.get() <= 3) {
                        System.out.println("  a registration failed: " + ex.getMessage());
                    }
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        finished.await(seconds + 120L, TimeUnit.SECONDS);
        // the registrations' own span: from the first sent to the last answered (not the watching)
        double elapsed = (lastRegistered.get() - started) / 1e9;
        clock.shutdownNow();
        workers.shutdownNow();
        watchers.shutdownNow();
        sampler.shutdownNow();

        System.out.println("| measure | count | p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        row("registration `POST /api/v1/companies`", registrationLatency);
        row("registration → first match served", matchLatency);
        System.out.printf("%d registered in %.1f s (%.1f/s achieved), %d failed; of the %d watched, %d without a match within 30 s%n",
                registrationLatency.size(), elapsed, registrationLatency.size() / elapsed, failed.get(),
                matchLatency.size() + noMatch.get(), noMatch.get());

        System.out.println();
        System.out.println("Footprint under that load");
        System.out.println("| service | peak resident memory | CPU seconds | CPU seconds per 1,000 registrations |");
        System.out.println("|---|---|---|---|");
        double cpuTotal = 0;
        long peakTotal = 0;
        int done = Math.max(1, registrationLatency.size());
        for (String service : SERVICES) {
            long[] after = cpuTicks(pids.get(service));
            double cpu = (after[0] + after[1] - cpuBefore.get(service)[0] - cpuBefore.get(service)[1]) / 100.0;
            cpuTotal += cpu;
            peakTotal += peak.getOrDefault(service, 0L);
            System.out.printf("| %s | %d MiB | %.1f | %.1f |%n", service, peak.getOrDefault(service, 0L) / 1024, cpu, cpu * 1000 / done);
        }
        System.out.printf("| **five services** | **%d MiB** | **%.1f** | **%.1f** |%n", peakTotal / 1024, cpuTotal, cpuTotal * 1000 / done);
        System.out.println();
        System.out.println("| part beside them | CPU seconds | CPU seconds per 1,000 registrations |");
        System.out.println("|---|---|---|");
        infrastructure.forEach((part, pid) -> {
            long[] after = cpuTicks(pid);
            double cpu = (after[0] + after[1] - cpuBefore.get(part)[0] - cpuBefore.get(part)[1]) / 100.0;
            System.out.printf("| %s | %.1f | %.1f |%n", part, cpu, cpu * 1000 / done);
        });
        // the CI-sized run (-Dload.strict=true) fails on what a user would notice, never on a timing
        if (Boolean.getBoolean("load.strict") && (failed.get() > 0 || readErrors.get() > 0)) {
            throw new IllegalStateException(failed.get() + " registrations and " + readErrors.get() + " reads failed");
        }
    }

    // --- the load ------------------------------------------------------------------------------

    interface PathSupplier {
        String next();
    }

    interface TokenSupplier {
        String next();
    }

    /** The demo organizer, signed in a few times (each sign-in is a client of its own for the limits). */
    private static TokenSupplier organizerTokens() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(token(KEYCLOAK + "/realms/elkarlan/protocol/openid-connect/token",
                    "grant_type=password&client_id=web&username=demo-organizer&password=demo"));
        }
        AtomicInteger turn = new AtomicInteger();
        return () -> tokens.get(Math.floorMod(turn.getAndIncrement(), tokens.size()));
    }

    private void reads(String label, PathSupplier path, TokenSupplier token) throws InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        long end = System.nanoTime() + readSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = call("GET", path.next(), token.next(), null);
                    if (response != null && response.statusCode() == 429) {
                        limited.incrementAndGet();
                    }
                    else if (response == null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    else {
                        latencies.add(System.nanoTime() - t0);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = sorted(latencies);
        System.out.printf("| %s | %.0f | %s | %s | %d | %d |%n", label, sorted.size() / elapsed, ms(sorted, 0.50),
                ms(sorted, 0.99), limited.get(), errors.get());
        readErrors.addAndGet(errors.get());
    }

    record Registered(String id) {
    }

    private Registered register(String token, int i) {
        boolean north = i % 2 == 0;
        String[][] topics = { { "Migration vers le cloud", "fr" }, { "Zibersegurtasun auditoria", "eu" },
                { "Tienda online con Prestashop", "es" }, { "Web development and mobile apps", "en" } };
        String[] offer = topics[i % 4];
        String[] need = topics[(i + 1) % 4];
        String body = """
                { "legalName": "Load %s %d", "legalId": { "scheme": "%s", "value": "%s" },
                  "territory": "%s", "city": "%s", "postalCode": "%s", "sizeBand": "SMALL", "naceCode": "62.01",
                  "languages": ["%s"], "offers": [ { "title": "%s", "lang": "%s" } ],
                  "needs": [ { "title": "%s", "lang": "%s" } ], "publicProfile": true,
                  "contact": { "email": "load-%s-%d@elkarlan.test" } }
                """.formatted(run, i, north ? "FR_SIREN" : "ES_NIF", north ? LegalIds.siren(RANDOM) : LegalIds.cif(RANDOM),
                north ? "LAPURDI" : "GIPUZKOA", north ? "Baiona" : "Donostia", north ? "64100" : "20018", offer[1],
                offer[0], offer[1], need[0], need[1], run, i);
        HttpResponse<String> response = call("POST", "/api/v1/companies", token, body);
        if (response == null || response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + (response == null ? "nothing" : response.statusCode()
                    + " " + response.body()));
        }
        return new Registered(JSON.readTree(response.body()).get("id").asString());
    }

    /** Nanoseconds from {@code since} until the company's match list is not empty, or null after 30 s. */
    private Long firstMatch(String token, String companyId, long since) {
        long deadline = since + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = call("GET", "/api/v1/companies/" + companyId + "/matches?limit=5", token, null);
            if (response != null && response.statusCode() == 200
                    && JSON.readTree(response.body()).path("matches").size() > 0) {
                return System.nanoTime() - since;
            }
            try {
                Thread.sleep(250); // four looks a second stay under a company's rate limit
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    // --- Keycloak ------------------------------------------------------------------------------

    private List<String> prepareUsers(int count) throws Exception {
        for (int from = 0; from < count; from += 100) {
            // an admin token lives a minute: a fresh one for each batch
            String admin = token(KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                    "grant_type=password&client_id=admin-cli&username=admin&password=admin");
            ObjectNode body = JSON.createObjectNode();
            body.put("ifResourceExists", "SKIP");
            ArrayNode users = body.putArray("users");
            for (int i = from; i < Math.min(count, from + 100); i++) {
                ObjectNode user = users.addObject();
                user.put("username", username(i));
                user.put("email", username(i) + "@elkarlan.test");
                user.put("emailVerified", true);
                user.put("enabled", true);
                user.put("firstName", "Load");
                user.put("lastName", "Test");
                user.putArray("realmRoles").add("company");
                ObjectNode credential = user.putArray("credentials").addObject();
                credential.put("type", "password");
                credential.put("value", PASSWORD);
                credential.put("temporary", false);
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/admin/realms/elkarlan/partialImport"))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the users: " + response.statusCode() + " " + response.body());
            }
        }
        List<String> tokens = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.execute(() -> tokens.set(n, token(KEYCLOAK + "/realms/elkarlan/protocol/openid-connect/token",
                    "grant_type=password&client_id=web&username=" + username(n) + "&password=" + PASSWORD)));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return new ArrayList<>(tokens);
    }

    private String username(int i) {
        return "load-" + run + "-" + i;
    }

    private static String token(String url, String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response == null || response.statusCode() != 200) {
            throw new IllegalStateException("no token from " + url + ": " + (response == null ? "no answer" : response.body()));
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    // --- HTTP and figures ----------------------------------------------------------------------

    private static HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<Long> sorted(ConcurrentLinkedQueue<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static void row(String label, ConcurrentLinkedQueue<Long> values) {
        List<Long> sorted = sorted(values);
        System.out.printf("| %s | %d | %s | %s | %s |%n", label, sorted.size(), ms(sorted, 0.50), ms(sorted, 0.99),
                ms(sorted, 1.0));
    }

    private static String ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return "–";
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return String.format("%.0f ms", sorted.get(Math.max(0, index)) / 1e6);
    }

    // --- processes -----------------------------------------------------------------------------

    private Map<String, Long> servicePids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path file = home.resolve(".local/run/" + service + ".pid");
            if (!Files.exists(file)) {
                throw new IllegalStateException("no " + file + ": is the local stack up (./elkarlan up)?");
            }
            pids.put(service, Long.parseLong(Files.readString(file).trim()));
        }
        return pids;
    }

    /**
     * The processes of MongoDB, Kafka and Keycloak of the local stack (Keycloak's pid file names its
     * launching shell: its Java child is taken). A part run elsewhere is left out.
     */
    private Map<String, Long> infrastructurePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String part : INFRASTRUCTURE) {
            try {
                long pid = Long.parseLong(Files.readString(home.resolve(".local/run/" + part + ".pid")).trim());
                Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
                String child = Files.exists(children) ? Files.readString(children).trim() : "";
                pids.put(part, child.isEmpty() ? pid : Long.parseLong(child.split(" ")[0]));
            }
            catch (IOException | NumberFormatException ex) {
                // not started by the local stack
            }
        }
        return pids;
    }

    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (IOException ex) {
            // the process is gone
        }
        return 0;
    }

    /** utime and stime of a process, in clock ticks (1/100 s on Linux). */
    private static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]) };
        }
        catch (IOException ex) {
            return new long[] { 0, 0 };
        }
    }

    private static String heapLimit(long pid) {
        try {
            String command = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            Matcher matcher = Pattern.compile("-Xmx\\S+").matcher(command);
            return matcher.find() ? matcher.group() : "default";
        }
        catch (IOException ex) {
            return "?";
        }
    }

    private String startTime(String service) {
        try {
            Matcher matcher = Pattern.compile("Started \\w+ in ([0-9.]+) seconds").matcher(
                    Files.readString(home.resolve(".local/logs/" + service + ".log")));
            String last = "?";
            while (matcher.find()) {
                last = matcher.group(1) + " s";
            }
            return last;
        }
        catch (IOException ex) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (IOException ex) {
            return "?";
        }
    }
}
