package eus.elkarlan.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;

import eus.elkarlan.gateway.GatewayApplication;
import eus.elkarlan.testsupport.TestTokens;

/**
 * CPU milliseconds the gateway spends per proxied request (not a test; asserts nothing). The
 * gateway runs in a JVM of its own, started with the local stack's settings (or
 * {@code -Dbench.jvm}), in front of a trivial backend (Reactor Netty in this JVM, on its own event
 * loop); a load generator in this JVM sends requests at a fixed rate over keep-alive connections.
 * The gateway's CPU time is read from {@code /proc/<pid>/stat} before and after each measured run
 * (after a warm-up at the same rate), and divided by the requests answered. The same runs against
 * {@link BareProxy}, a bare Reactor Netty proxy in a JVM with the same settings, give the floor.
 * Every request has a 5 s timeout: an answer that never completes is counted as stalled.
 * <p>
 * See gateway/README.md, "CPU per request", for the command and the figures.
 */
public final class GatewayCpuBenchmark {

    static final String STACK_JVM = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    static final String COMPANY = "5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01";

    record Scenario(String name, String method, String path, String role, int requestBytes) {
    }

    record Result(String target, Scenario scenario, int answered, int stalled, int failed, double seconds, double cpuMs,
            double p50, double p99) {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 30);
        int connections = Integer.getInteger("bench.connections", 8);
        String jvm = System.getProperty("bench.jvm", STACK_JVM);
        boolean bare = !"false".equals(System.getProperty("bench.bare"));
        String only = System.getProperty("bench.only", "");

        LoopResources backendLoop = LoopResources.create("bench-backend", 1, true);
        DisposableServer backend = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .runOn(backendLoop)
                .handle((request, response) -> request.receive().then(response
                        .header("Content-Type", "application/json")
                        .sendByteArray(Mono.just(body(answerSize(request.uri())))).then()))
                .bindNow();
        String service = "http://127.0.0.1:" + backend.port();
        TestTokens tokens = TestTokens.get();

        List<Scenario> scenarios = new ArrayList<>(List.of(
                new Scenario("anonymous GET, 120 B answer", "GET", "/api/v1/events", null, 0),
                new Scenario("bearer GET /companies/me, 120 B", "GET", "/api/v1/companies/me", "company", 0),
                new Scenario("bearer POST 1 KB body, 120 B answer", "POST", "/api/v1/companies", "company", 1024),
                new Scenario("bearer GET, 64 KB answer", "GET", "/api/v1/companies/me?answer=65536", "company", 0)));
        if (!only.isEmpty()) {
            scenarios.removeIf(s -> !s.name().contains(only));
        }

        List<Result> results = new ArrayList<>();
        List<String> keepAlive = new ArrayList<>();
        System.out.printf("gateway JVM: %s; %d requests/s over %d connections, %d s warm-up then %d s measured; load average %s%n",
                jvm, rate, connections, warmup, seconds, Files.readString(Path.of("/proc/loadavg")).trim());
        for (String target : bare ? List.of("gateway", "bare proxy") : List.of("gateway")) {
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path")));
            if (target.equals("gateway")) {
                command.addAll(List.of(GatewayApplication.class.getName(), "--server.port=" + port,
                        "--elkarlan.services.company=" + service, "--elkarlan.services.matching=" + service,
                        "--elkarlan.services.event=" + service, "--elkarlan.services.notification=" + service,
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + tokens.jwkSetUri(),
                        // every request comes from one address and one subject: no limit would hold
                        "--elkarlan.gateway.rate-limit.enabled=" + System.getProperty("bench.rateLimit", "false"),
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
            }
            else {
                command.addAll(List.of(BareProxy.class.getName(), Integer.toString(port), service));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "bench-" + target.replace(' ', '-') + ".log").toFile()).start();
            try {
                waitForPort(port, process);
                String base = "http://127.0.0.1:" + port;
                double startCpu = cpuMs(process.pid());
                System.out.printf("%s: started, %.1f CPU s to start%n", target, startCpu / 1000);
                for (Scenario scenario : scenarios) {
                    String token = scenario.role() == null ? null : tokens.token(COMPANY, scenario.role());
                    double before = cpuMs(process.pid());
                    Result warm = load(target, base, scenario, token, rate, warmup, connections, process.pid());
                    double after = cpuMs(process.pid());
                    System.out.printf("  warm-up %s: %.1f CPU s for %d requests (%.2f ms each, JIT included)%s%n", scenario.name(),
                            (after - before) / 1000, warm.answered(), (after - before) / Math.max(1, warm.answered()),
                            warm.stalled() + warm.failed() > 0 ? ", " + warm.stalled() + " stalled, " + warm.failed() + " failed" : "");
                    Result result = load(target, base, scenario, token, rate, seconds, connections, process.pid());
                    results.add(result);
                    System.out.printf("  %s: %.2f CPU ms per request%n", scenario.name(), result.cpuMs() / Math.max(1, result.answered()));
                }
                if (target.equals("gateway")) {
                    String token = tokens.token(COMPANY, "company");
                    keepAlive.add(target + ": " + keepAliveCheck(port, token, Integer.getInteger("bench.keepAliveRounds", 20)));
                }
            }
            finally {
                System.out.printf("%s: resident memory at the end %d MiB%n", target, residentKb(process.pid()) / 1024);
                process.destroy();
                process.waitFor();
            }
        }
        System.out.println();
        System.out.println("| target | request | answered | req/s | CPU ms per request | p50 ms | p99 ms | stalled (no answer in 5 s) | failed |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf("| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |%n", r.target(), r.scenario().name(),
                    r.answered(), r.answered() / r.seconds(), r.cpuMs() / Math.max(1, r.answered()), r.p50(), r.p99(),
                    r.stalled(), r.failed());
        }
        keepAlive.forEach(System.out::println);
        backend.disposeNow();
        backendLoop.dispose();
        System.exit(0);
    }

    /** The answer's size: {@code ?answer=N} bytes, else a 120-byte page of events. */
    static int answerSize(String uri) {
        int at = uri.indexOf("answer=");
        return at < 0 ? 0 : Integer.parseInt(uri.substring(at + 7).replaceAll("[^0-9].*", ""));
    }

    static byte[] body(int size) {
        byte[] small = "{\"items\":[{\"id\":\"e-1\",\"name\":\"Euskal Digital Tech Summit\"}],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}"
                .getBytes(StandardCharsets.UTF_8);
        if (size <= small.length) {
            return small;
        }
        byte[] large = new byte[size];
        Arrays.fill(large, (byte) 'a');
        large[0] = '"';
        large[size - 1] = '"';
        return large;
    }

    /**
     * Open loop: each of {@code connections} threads sends its share of {@code rate} on a fixed
     * schedule (a late answer does not delay the next send's slot beyond the thread's own wait).
     */
    static Result load(String target, String base, Scenario scenario, String token, int rate, int seconds, int connections,
            long pid) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + scenario.path())).timeout(Duration.ofSeconds(5));
        if (scenario.requestBytes() > 0) {
            String json = "{\"name\":\"" + "x".repeat(scenario.requestBytes() - 11) + "\"}";
            builder.header("Content-Type", "application/json").method(scenario.method(), HttpRequest.BodyPublishers.ofString(json));
        }
        else {
            builder.method(scenario.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        long interval = 1_000_000_000L * connections / rate;
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger stalled = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        double cpuBefore = cpuMs(pid);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        for (int c = 0; c < connections; c++) {
            long offset = interval * c / connections;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                long next = start + offset;
                try {
                    while (next < end) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() >= 400) {
                                failed.incrementAndGet();
                            }
                            else {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = System.nanoTime() - t0;
                            }
                        }
                        catch (HttpTimeoutException ex) {
                            stalled.incrementAndGet();
                        }
                        catch (IOException ex) {
                            failed.incrementAndGet();
                        }
                        next += interval;
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finally {
                    samples.add(Arrays.copyOf(mine, n));
                    done.countDown();
                }
            }, "bench-load-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuMs(pid) - cpuBefore;
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
        double p99 = all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6;
        return new Result(target, scenario, all.length, stalled.get(), failed.get(), elapsed, cpu, p50, p99);
    }

    /**
     * Answers that never complete: on {@code rounds} fresh connections, an anonymous read and a bearer read
     * sent together (the second arrives before the first exchange has ended), then a third read; and one
     * connection on which anonymous and bearer reads alternate, each sent the moment the previous answer
     * arrived. Counts the requests without an answer after 5 s.
     */
    static String keepAliveCheck(int port, String token, int rounds) throws Exception {
        String anonymous = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String bearer = "GET /api/v1/companies/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        int pipelinedStalls = 0;
        for (int round = 0; round < rounds; round++) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                var out = socket.getOutputStream();
                var in = new java.io.BufferedInputStream(socket.getInputStream());
                out.write((anonymous + bearer).getBytes(StandardCharsets.US_ASCII));
                eus.elkarlan.gateway.GatewayHttpAccess.readAnswer(in);
                eus.elkarlan.gateway.GatewayHttpAccess.readAnswer(in);
                out.write(anonymous.getBytes(StandardCharsets.US_ASCII));
                eus.elkarlan.gateway.GatewayHttpAccess.readAnswer(in);
            }
            catch (java.net.SocketTimeoutException ex) {
                pipelinedStalls++;
            }
        }
        int requests = Integer.getInteger("bench.keepAliveRequests", 2000);
        int sequentialStalls = 0;
        var socket = new java.net.Socket("127.0.0.1", port);
        for (int i = 0; i < requests; i++) {
            try {
                socket.setSoTimeout(5000);
                var in = new java.io.BufferedInputStream(socket.getInputStream(), 1);
                socket.getOutputStream().write((i % 2 == 0 ? anonymous : bearer).getBytes(StandardCharsets.US_ASCII));
                eus.elkarlan.gateway.GatewayHttpAccess.readAnswer(in);
            }
            catch (java.net.SocketTimeoutException ex) {
                sequentialStalls++;
                socket.close();
                socket = new java.net.Socket("127.0.0.1", port);
            }
        }
        socket.close();
        return String.format("keep-alive: %d of %d pipelined pairs left the next request unanswered; %d of %d alternating "
                + "requests on one connection had no answer after 5 s", pipelinedStalls, rounds, sequentialStalls, requests);
    }

    /** User and system CPU time of a process, in milliseconds (Linux). */
    static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    /** Resident set size of a process, in KiB (Linux). */
    static long residentKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(0L);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void waitForPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended; see target/bench-*.log");
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            }
            catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after 3 minutes");
    }
}
