package eus.elkarlan.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import eus.elkarlan.gateway.GatewayApplication;
import eus.elkarlan.testsupport.TestTokens;

/**
 * Gateway overhead: the same small JSON answer fetched directly from a trivial service (a bare
 * Reactor Netty server) and through the gateway (an anonymous public read, and a read with a
 * bearer token that the gateway validates). Uses wrk when installed ({@code apt-get install -y
 * wrk}), else a small closed-loop Java load generator. Prints p50, p99 and requests per second;
 * asserts nothing. See gateway/README.md for the command.
 */
public final class GatewayOverheadBenchmark {

    private static final byte[] BODY = "{\"items\":[{\"id\":\"e-1\",\"name\":\"Euskal Digital Tech Summit\"}],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int connections = Integer.getInteger("bench.connections", 16);
        // the trivial service: Reactor Netty answering a fixed JSON body to any request
        DisposableServer backend = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().then(response.header("Content-Type", "application/json")
                        .header("Content-Length", Integer.toString(BODY.length))
                        .sendByteArray(Mono.just(BODY)).then()))
                .bindNow();
        String service = "http://127.0.0.1:" + backend.port();
        TestTokens tokens = TestTokens.get();
        ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class, "--server.port=0",
                "--elkarlan.services.company=" + service, "--elkarlan.services.matching=" + service,
                "--elkarlan.services.event=" + service, "--elkarlan.services.notification=" + service,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + tokens.jwkSetUri(),
                "--elkarlan.gateway.rate-limit.enabled=false", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String token = tokens.token("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a02", "organizer");
        String path = "/api/v1/events";
        if (Boolean.getBoolean("bench.serve")) { // for a load generator of one's own choice
            System.out.println("service http://127.0.0.1:" + backend.port() + " gateway http://127.0.0.1:" + port
                    + "\ntoken " + token);
            Thread.sleep(Long.MAX_VALUE);
        }
        try {
            System.out.printf("load: %d connections, %d s per run, load average at start %s%n", connections, seconds,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            List<Result> results = new ArrayList<>();
            results.add(run("direct", service + path, null, seconds, connections));
            results.add(run("gateway, anonymous", "http://127.0.0.1:" + port + path, null, seconds, connections));
            results.add(run("gateway, bearer JWT", "http://127.0.0.1:" + port + path, token, seconds, connections));
            Result direct = results.get(0);
            System.out.println();
            System.out.println("| path | p50 ms | p99 ms | req/s | p50 overhead ms |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (Result r : results) {
                System.out.printf("| %s | %.2f | %.2f | %.0f | %s |%n", r.name(), r.p50(), r.p99(), r.rps(),
                        r == direct ? "-" : String.format("%.2f", r.p50() - direct.p50()));
            }
        }
        finally {
            gateway.close();
            backend.disposeNow();
            System.exit(0);
        }
    }

    record Result(String name, double p50, double p99, double rps) {
    }

    private static Result run(String name, String url, String token, int seconds, int connections) throws Exception {
        warmUp(url, token);
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return wrk(name, url, token, seconds, connections);
        }
        return java(name, url, token, seconds, connections);
    }

    /** The gateway's request path is long: on 2 cores the JIT needs about a minute under load to compile it. */
    private static void warmUp(String url, String token) throws Exception {
        java("warm-up", url, token, Integer.getInteger("bench.warmup", 60), 4);
    }

    private static Result wrk(String name, String url, String token, int seconds, int connections) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        System.out.println("== " + name + " (wrk)\n" + output);
        return new Result(name, wrkMillis(output, "50%"), wrkMillis(output, "99%"),
                Double.parseDouble(line(output, "Requests/sec:").split("\\s+")[1]));
    }

    private static double wrkMillis(String output, String percentile) {
        String value = line(output, percentile).split("\\s+")[1];
        if (value.endsWith("us")) {
            return Double.parseDouble(value.replace("us", "")) / 1000;
        }
        if (value.endsWith("ms")) {
            return Double.parseDouble(value.replace("ms", ""));
        }
        return Double.parseDouble(value.replace("s", "")) * 1000;
    }

    private static String line(String output, String start) {
        return output.lines().map(String::trim).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + start + "' in wrk's output"));
    }

    /** Closed loop: each of {@code connections} threads sends a request as soon as the last answered. */
    private static Result java(String name, String url, String token, int seconds, int connections) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IOException(url + " answered " + response.statusCode());
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : futures) {
            long[] s = f.get();
            long[] merged = Arrays.copyOf(all, all.length + s.length);
            System.arraycopy(s, 0, merged, all.length, s.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        double p50 = all[all.length / 2] / 1e6;
        double p99 = all[(int) (all.length * 0.99)] / 1e6;
        return new Result(name, p50, p99, all.length / (double) seconds);
    }
}
