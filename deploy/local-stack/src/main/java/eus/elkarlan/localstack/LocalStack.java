package eus.elkarlan.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.common.Uuid;

/**
 * The local stack: the whole platform on one machine, without Docker. Each part runs as its own
 * process with an explicit heap, logs to {@code .local/logs/<part>.log} and leaves its pid in
 * {@code .local/run/<part>.pid}; data stays in {@code .local/data} between runs.
 *
 * <pre>
 * LocalStack up          start everything, wait for every health check, stay until Ctrl-C
 * LocalStack up --detach start everything, wait for every health check, return (used by the build)
 * LocalStack down        stop everything a previous start left running
 * LocalStack up --for-build / down --for-build
 *                        the build's system tests: reuse a stack that already runs (and leave it
 *                        running), else start one detached and stop it afterwards
 * LocalStack status      which parts run
 * </pre>
 */
public final class LocalStack {

    static final String HOST = "127.0.0.1";
    static final String KEYCLOAK_URL = "http://" + HOST + ":8180";
    static final String ISSUER = KEYCLOAK_URL + "/realms/elkarlan";

    private final Path home;
    private final Path state;
    private final Path logs;
    private final Path run;
    private final String classpath;
    private final String java;
    private final String mongoUri;
    private final Map<String, Process> started = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalStack(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.state = this.home.resolve(".local");
        this.logs = state.resolve("logs");
        this.run = state.resolve("run");
        this.classpath = System.getProperty("java.class.path");
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String given = System.getenv("MONGODB_URI");
        this.mongoUri = given == null || given.isBlank() ? "mongodb://" + HOST + ":27017" : given;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("elkarlan.home", "."));
        LocalStack stack = new LocalStack(home);
        String command = args.length == 0 ? "up" : args[0];
        boolean detach = List.of(args).contains("--detach");
        boolean forBuild = List.of(args).contains("--for-build");
        int code = switch (command) {
            case "up" -> forBuild ? stack.upForBuild() : stack.up(detach);
            case "down" -> forBuild ? stack.downForBuild() : stack.down();
            case "status" -> stack.status();
            case "kill" -> args.length == 2 ? stack.killPart(args[1]) : usage();
            case "start" -> args.length == 2 ? stack.startPart(args[1]) : usage();
            default -> usage();
        };
        System.exit(code);
    }

    private static int usage() {
        System.err.println("usage: LocalStack up [--detach] | down | status | kill <part> | start <part>");
        return 2;
    }


    // ----------------------------------------------------------------------------------------------
    // The parts

    /** A part of the stack: its ports, how it starts and how it tells it is healthy. */
    record Part(String name, List<Integer> ports, String health, Duration timeout) {
    }

    static final Part KAFKA = new Part("kafka", List.of(9092, 9093), "tcp:9092", Duration.ofSeconds(90));
    static final Part MONGO = new Part("mongodb", List.of(27017), "tcp:27017", Duration.ofSeconds(60));
    static final Part MAIL = new Part("mail", List.of(3025, 8025), "http://" + HOST + ":8025/", Duration.ofSeconds(60));
    // generous: on a loaded 2-core machine Keycloak's first start (with its build step) and the
    // services' starts take several times longer than on an idle one
    static final Part KEYCLOAK = new Part("keycloak", List.of(8180), ISSUER + "/.well-known/openid-configuration",
            Duration.ofSeconds(480));

    /** The five services: name, port, heap. */
    record Service(String name, int port, String heap) {
        Part part() {
            return new Part(name, List.of(port), "http://" + HOST + ":" + port + "/actuator/health", Duration.ofSeconds(300));
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("company-service", 8081, "-Xmx256m"),
            new Service("matching-service", 8082, "-Xmx320m"),
            new Service("event-service", 8083, "-Xmx384m"),
            new Service("notification-service", 8084, "-Xmx256m"),
            new Service("gateway", 8080, "-Xmx256m"));

    // ----------------------------------------------------------------------------------------------
    // Commands

    int up(boolean detach) throws Exception {
        Files.createDirectories(logs);
        Files.createDirectories(run);
        List<String> running = runningParts();
        if (!running.isEmpty()) {
            System.err.println("The local stack is already running (" + String.join(", ", running)
                    + "). Stop it first with: ./elkarlan down");
            return 1;
        }
        boolean externalMongo = externalMongo();
        List<Part> infra = new ArrayList<>(List.of(KAFKA, MAIL, KEYCLOAK));
        if (!externalMongo) {
            infra.add(1, MONGO);
        }
        List<Part> all = new ArrayList<>(infra);
        SERVICES.forEach(s -> all.add(s.part()));
        for (Part part : all) {
            for (int port : part.ports()) {
                if (!portFree(port)) {
                    System.err.println("Port " + port + " (needed by " + part.name() + ") is taken by another process."
                            + " Free it, or stop that process, then start again.");
                    return 1;
                }
            }
        }
        for (Service service : SERVICES) {
            if (!Files.isRegularFile(jar(service))) {
                System.err.println("Missing " + home.relativize(jar(service)) + ": build first (./elkarlan up builds it).");
                return 1;
            }
        }
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopStarted));
        }
        long begin = System.nanoTime();
        try {
            startKafka();
            if (!externalMongo) {
                startMongo();
            }
            startMail();
            startKeycloak();
            awaitHealthy(KAFKA);
            if (!externalMongo) {
                awaitHealthy(MONGO);
            }
            awaitHealthy(MAIL);
            for (Service service : SERVICES) {
                startService(service);
            }
            for (Service service : SERVICES) {
                awaitHealthy(service.part());
            }
            awaitHealthy(KEYCLOAK);
        }
        catch (StartFailure failure) {
            System.err.println();
            System.err.println("FAILED: " + failure.getMessage());
            if (failure.log != null) {
                System.err.println("Log: " + failure.log);
                tail(failure.log, 25).forEach(line -> System.err.println("  | " + line));
            }
            System.err.println("Stopping what was started…");
            stopStarted();
            return 1;
        }
        printSummary(Duration.ofNanos(System.nanoTime() - begin), externalMongo);
        if (detach) {
            return 0;
        }
        System.out.println("Press Ctrl-C to stop everything.");
        watch();
        return 0;
    }

    int upForBuild() throws Exception {
        Files.createDirectories(run);
        Path reused = run.resolve("reused-by-build");
        Files.deleteIfExists(reused);
        if (!runningParts().isEmpty()) {
            for (Part part : allParts()) {
                if ((part != MONGO || !externalMongo()) && !healthy(part)) {
                    System.err.println("A local stack runs but " + part.name() + " is not healthy; stop it with ./elkarlan down");
                    return 1;
                }
            }
            System.out.println("Reusing the local stack that already runs (it stays running after the tests).");
            Files.writeString(reused, "reused");
            return 0;
        }
        return up(true);
    }

    int downForBuild() throws IOException, InterruptedException {
        if (Files.deleteIfExists(run.resolve("reused-by-build"))) {
            System.out.println("Leaving the local stack running: it was running before the build.");
            return 0;
        }
        return down();
    }

    private static boolean externalMongo() {
        String given = System.getenv("MONGODB_URI");
        return given != null && !given.isBlank();
    }

    int down() throws IOException, InterruptedException {
        if (!Files.isDirectory(run)) {
            System.out.println("Nothing to stop.");
            return 0;
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(run)) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).toList();
        }
        // services first, then the infrastructure they use
        List<String> order = new ArrayList<>();
        for (int i = SERVICES.size() - 1; i >= 0; i--) {
            order.add(SERVICES.get(i).name());
        }
        order.addAll(List.of(KEYCLOAK.name(), MAIL.name(), MONGO.name(), KAFKA.name()));
        List<Path> sorted = new ArrayList<>(pidFiles);
        sorted.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
        List<ProcessHandle> services = new ArrayList<>();
        List<ProcessHandle> keycloak = new ArrayList<>();
        List<ProcessHandle> infrastructure = new ArrayList<>();
        for (Path pidFile : sorted) {
            String name = pidFile.getFileName().toString().replace(".pid", "");
            Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of);
            if (process.isPresent() && process.get().isAlive()) {
                System.out.println("Stopping " + name + " (pid " + process.get().pid() + ")");
                group(name, services, keycloak, infrastructure).add(process.get());
            }
            Files.deleteIfExists(pidFile);
        }
        // the services first (they flush to Kafka and the store), then the infrastructure
        kill(services);
        stopKeycloak(keycloak);
        kill(infrastructure);
        List<String> busy = new ArrayList<>();
        for (Part part : allParts()) {
            for (int port : part.ports()) {
                if (!portFree(port)) {
                    busy.add(port + " (" + part.name() + ")");
                }
            }
        }
        if (!busy.isEmpty()) {
            System.err.println("Still open after stopping: " + String.join(", ", busy));
            return 1;
        }
        System.out.println("The local stack is stopped; its data stays in " + state.resolve("data") + ".");
        return 0;
    }

    /**
     * {@code kill <part>}: ends one part at once (SIGKILL, as a crash would), leaving the others
     * running; the fault-injection suites use it, with {@code start <part>}.
     */
    int killPart(String name) throws Exception {
        Path pidFile = run.resolve(name + ".pid");
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of);
        if (process.isEmpty() || !process.get().isAlive()) {
            System.err.println(name + " does not run.");
            return 1;
        }
        process.get().descendants().forEach(ProcessHandle::destroyForcibly);
        process.get().destroyForcibly();
        process.get().onExit().get(30, TimeUnit.SECONDS);
        Files.deleteIfExists(pidFile);
        System.out.println("Killed " + name + " (pid " + process.get().pid() + ")");
        return 0;
    }

    /**
     * {@code start <part>}: starts one part of a running stack again and waits until it is healthy;
     * {@code start <service>-2} starts a second instance of a service, 10 ports higher, sharing the
     * partitions of its consumer group with the first (scale-out on one machine).
     */
    int startPart(String name) throws Exception {
        if (runningParts().contains(name)) {
            System.err.println(name + " already runs.");
            return 1;
        }
        Part part;
        try {
            switch (name) {
                case "kafka" -> startKafka();
                case "mongodb" -> startMongo();
                case "mail" -> startMail();
                case "keycloak" -> startKeycloak();
                default -> {
                    Service service = service(name).orElse(null);
                    if (service == null) {
                        System.err.println("No part named " + name);
                        return 2;
                    }
                    startService(service);
                }
            }
            part = service(name).map(Service::part)
                    .orElseGet(() -> allParts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow());
            awaitHealthy(part);
        }
        catch (StartFailure failure) {
            System.err.println("FAILED: " + failure.getMessage());
            return 1;
        }
        System.out.println(name + " is healthy");
        return 0;
    }

    int status() throws IOException {
        List<String> running = runningParts();
        System.out.println(running.isEmpty() ? "The local stack is not running." : "Running: " + String.join(", ", running));
        return 0;
    }

    // ----------------------------------------------------------------------------------------------
    // Starting each part

    private void startKafka() throws IOException, InterruptedException {
        Path dir = state.resolve("kafka");
        Path data = state.resolve("data").resolve("kafka");
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":9093",
                "listeners=PLAINTEXT://" + HOST + ":9092,CONTROLLER://" + HOST + ":9093",
                "advertised.listeners=PLAINTEXT://" + HOST + ":9092",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=6",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=WARN",
                "logger.apache.name=org.apache.kafka",
                "logger.apache.level=WARN",
                "logger.started.name=kafka.server.KafkaRaftServer",
                "logger.started.level=INFO",
                ""));
        if (!Files.exists(data.resolve("meta.properties"))) {
            Files.createDirectories(data);
            String clusterId = Uuid.randomUuid().toString();
            Path formatLog = logs.resolve("kafka-format.log");
            Process format = new ProcessBuilder(java, "-Xmx256m", "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath,
                    "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new StartFailure("formatting Kafka's storage failed", formatLog);
            }
        }
        start(KAFKA, List.of(java, "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath, "kafka.Kafka", config.toString()), Map.of());
    }

    private void startMongo() throws IOException {
        start(MONGO, List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, MongoWireServer.class.getName(),
                "--host", HOST, "--port", "27017", "--file", state.resolve("data").resolve("mongo.mv").toString()),
                Map.of());
    }

    private void startMail() throws IOException {
        start(MAIL, List.of(java, "-Xmx96m", "-XX:+UseSerialGC", "-cp", classpath, MailCatcher.class.getName(),
                "--smtp", "3025", "--http", "8025", "--store", state.resolve("data").resolve("mail").toString()), Map.of());
    }

    private void startKeycloak() throws IOException {
        Path keycloak = unpackKeycloak();
        Path realm = home.resolve("deploy/keycloak/elkarlan-realm-local.json");
        if (!Files.isRegularFile(realm)) {
            throw new StartFailure("the local realm file is missing: " + realm, null);
        }
        Path importDir = keycloak.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realm, importDir.resolve("elkarlan-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        // Keycloak skips the import when the realm exists: a changed file means a fresh dev database
        Path hashFile = state.resolve("keycloak-realm.sha256");
        String hash = sha256(realm);
        if (!Files.exists(hashFile) || !Files.readString(hashFile).equals(hash)) {
            deleteTree(keycloak.resolve("data/h2"));
            Files.writeString(hashFile, hash);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        start(KEYCLOAK, List.of("bash", keycloak.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=8180",
                "--http-host=" + HOST, "--import-realm", "--health-enabled=true"), env);
    }

    private void startService(Service service) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", HOST + ":9092");
        env.put("SPRING_MONGODB_URI", mongoUri);
        env.put("ELKARLAN_KEYCLOAK_URL", KEYCLOAK_URL);
        env.put("SPRING_MAIL_HOST", HOST);
        env.put("SPRING_MAIL_PORT", "3025");
        env.put("SPRING_PROFILES_ACTIVE", "local,demo");
        env.put("SERVER_PORT", Integer.toString(service.port()));
        // every matching instance keeps the whole directory, so that a second one can share the work
        env.put("ELKARLAN_MATCHING_REPLICA_ENABLED", "true");
        start(service.part(), List.of(java, service.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-jar", jar(service).toString()), env);
    }

    private Path jar(Service service) {
        String module = baseName(service.name());
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** {@code matching-service-2} is a second instance of {@code matching-service}. */
    static String baseName(String part) {
        return part.endsWith("-2") ? part.substring(0, part.length() - 2) : part;
    }

    /** A second instance of a service (for scale-out): its name ends in -2 and its port is 10 higher. */
    static Optional<Service> service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(baseName(name))).findFirst()
                .map(s -> s.name().equals(name) ? s : new Service(name, s.port() + 10, s.heap()));
    }

    private Path unpackKeycloak() throws IOException {
        Path zipList = home.resolve("deploy/local-stack/target/keycloak-zip.txt");
        if (!Files.isRegularFile(zipList)) {
            throw new StartFailure("the Keycloak distribution was not downloaded (build deploy/local-stack first)", null);
        }
        Path zip = Path.of(Files.readString(zipList).trim());
        if (!Files.isRegularFile(zip)) {
            throw new StartFailure("the Keycloak distribution is not where Maven put it: " + zip, null);
        }
        String version = zip.getFileName().toString().replace("keycloak-quarkus-dist-", "").replace(".zip", "");
        Path target = state.resolve("keycloak-" + version);
        if (Files.isRegularFile(target.resolve("bin/kc.sh"))) {
            return target;
        }
        System.out.println("Unpacking Keycloak " + version + " into " + home.relativize(target) + " (once)…");
        Path partial = state.resolve("keycloak-" + version + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String inner = slash < 0 ? "" : name.substring(slash + 1); // drop the top folder
                if (inner.isEmpty()) {
                    continue;
                }
                Path out = partial.resolve(inner).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("unsafe entry in the Keycloak zip: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                }
                else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        Files.move(partial, target);
        return target;
    }

    private void start(Part part, List<String> command, Map<String, String> env) throws IOException {
        Path log = logs.resolve(part.name() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.put(part.name(), process);
        Files.writeString(run.resolve(part.name() + ".pid"), Long.toString(process.pid()));
        System.out.println("Started " + part.name() + " (pid " + process.pid() + "), log " + home.relativize(log));
    }

    // ----------------------------------------------------------------------------------------------
    // Health

    private void awaitHealthy(Part part) {
        Path log = logs.resolve(part.name() + ".log");
        long deadline = System.nanoTime() + part.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Process process = started.get(part.name());
            if (process != null && !process.isAlive()) {
                throw new StartFailure(part.name() + " exited with code " + process.exitValue() + " while starting", log);
            }
            if (healthy(part)) {
                System.out.println("  " + part.name() + " is healthy");
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new StartFailure(part.name() + " did not become healthy within " + part.timeout().toSeconds() + " s ("
                + part.health() + ")", log);
    }

    private boolean healthy(Part part) {
        String check = part.health();
        if (check.startsWith("tcp:")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, Integer.parseInt(check.substring(4))), 1000);
                return true;
            }
            catch (IOException ex) {
                return false;
            }
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(check))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && (!check.endsWith("/actuator/health") || response.body().contains("\"UP\""));
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void watch() throws InterruptedException {
        while (true) {
            for (Map.Entry<String, Process> entry : started.entrySet()) {
                if (!entry.getValue().isAlive()) {
                    System.err.println(entry.getKey() + " stopped (exit code " + entry.getValue().exitValue() + "), see "
                            + logs.resolve(entry.getKey() + ".log") + ". Stopping the rest.");
                    return;
                }
            }
            Thread.sleep(2000);
        }
    }

    private void printSummary(Duration took, boolean externalMongo) {
        String line = "-".repeat(78);
        System.out.println(line);
        System.out.printf("Elkarlan is up (%d s). Logs: %s%n", took.toSeconds(), logs);
        System.out.println();
        System.out.println("  Web UI and API (gateway)   http://127.0.0.1:8080/   (API under /api/v1, OpenAPI at /v3/api-docs)");
        System.out.println("  company-service            http://127.0.0.1:8081/actuator/health");
        System.out.println("  matching-service           http://127.0.0.1:8082/actuator/health");
        System.out.println("  event-service              http://127.0.0.1:8083/actuator/health");
        System.out.println("  notification-service       http://127.0.0.1:8084/actuator/health");
        System.out.println("  Keycloak                   " + KEYCLOAK_URL + "/admin/   (admin / admin)");
        System.out.println("  Mails caught               http://127.0.0.1:8025/   (SMTP 127.0.0.1:3025)");
        System.out.println("  Kafka                      127.0.0.1:9092");
        System.out.println("  MongoDB                    " + mongoUri + (externalMongo ? " (MONGODB_URI)" : " (MongoDB-wire server)"));
        System.out.println();
        System.out.println("  Demo accounts (password demo): demo-company, demo-organizer; partner client partner-demo / partner-demo-secret");
        System.out.println("  A token: curl -s -d grant_type=password -d client_id=web -d username=demo-company -d password=demo \\");
        System.out.println("             " + ISSUER + "/protocol/openid-connect/token");
        System.out.println("  Stop:    ./elkarlan down");
        System.out.println(line);
    }

    // ----------------------------------------------------------------------------------------------
    // Stopping

    private void stopStarted() {
        List<String> names = new ArrayList<>(started.keySet());
        Collections.reverse(names);
        List<ProcessHandle> services = new ArrayList<>();
        List<ProcessHandle> keycloak = new ArrayList<>();
        List<ProcessHandle> infrastructure = new ArrayList<>();
        for (String name : names) {
            group(name, services, keycloak, infrastructure).add(started.get(name).toHandle());
        }
        try {
            kill(services);
            stopKeycloak(keycloak);
            kill(infrastructure);
            for (String name : names) {
                Files.deleteIfExists(run.resolve(name + ".pid"));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        started.clear();
    }

    private static List<ProcessHandle> group(String name, List<ProcessHandle> services, List<ProcessHandle> keycloak,
            List<ProcessHandle> infrastructure) {
        if (KEYCLOAK.name().equals(name)) {
            return keycloak;
        }
        return service(name).isPresent() ? services : infrastructure;
    }

    /**
     * Stops processes and everything they started (Keycloak's script starts a JVM), forcibly after
     * 60 s. Returns whether any had to be killed forcibly.
     */
    static boolean kill(List<ProcessHandle> processes) {
        List<ProcessHandle> tree = new ArrayList<>();
        for (ProcessHandle process : processes) {
            tree.addAll(process.descendants().toList());
            tree.add(process);
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean forced = false;
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                pause(Duration.ofMillis(200));
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
                forced = true;
            }
        }
        return forced;
    }

    /**
     * Keycloak killed in the middle of a write can leave its dev database unreadable: forget the
     * realm's hash, so that the next start begins with a fresh database and imports the realm again.
     */
    private void stopKeycloak(List<ProcessHandle> keycloak) throws IOException {
        if (kill(keycloak)) {
            System.err.println("Keycloak did not stop in time; its dev database will be rebuilt from the realm file at the next start.");
            Files.deleteIfExists(state.resolve("keycloak-realm.sha256"));
        }
    }

    private List<String> runningParts() throws IOException {
        List<String> running = new ArrayList<>();
        if (!Files.isDirectory(run)) {
            return running;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                if (readPid(pidFile).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
                    running.add(pidFile.getFileName().toString().replace(".pid", ""));
                }
                else {
                    Files.deleteIfExists(pidFile);
                }
            }
        }
        return running;
    }

    private static List<Part> allParts() {
        List<Part> parts = new ArrayList<>(List.of(KAFKA, MONGO, MAIL, KEYCLOAK));
        SERVICES.forEach(s -> parts.add(s.part()));
        return parts;
    }

    // ----------------------------------------------------------------------------------------------
    // Small things

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
        }
        catch (IOException ex) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 300);
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static int rank(List<String> order, Path pidFile) {
        int index = order.indexOf(pidFile.getFileName().toString().replace(".pid", ""));
        return index < 0 ? order.size() : index;
    }

    private static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }
        catch (IOException | UncheckedIOException ex) {
            return List.of("(no log: " + ex.getMessage() + ")");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(in.readAllBytes()));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the stack did not come up, with the log to read. */
    static final class StartFailure extends RuntimeException {
        final transient Path log;

        StartFailure(String message, Path log) {
            super(message);
            this.log = log;
        }
    }
}
