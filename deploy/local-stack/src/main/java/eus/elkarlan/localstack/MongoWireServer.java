package eus.elkarlan.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire server in the JVM (mongo-java-server), in memory for tests or on disk (H2) for
 * the local stack. It answers {@code hello}, which Spring Boot's health check sends and the
 * library only knows as {@code isMaster}. It has no transactions, no change streams and no
 * {@code $text}, and ignores non-unique, compound and TTL indexes: nothing may depend on them.
 */
public final class MongoWireServer {

    private MongoWireServer() {
    }

    /** An in-memory server on a free port of 127.0.0.1; its connection string is {@code mongodb://host:port}. */
    public static MongoServer inMemory() {
        MongoServer server = new MongoServer(new HelloMemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    /** A server keeping its data in {@code file} across restarts. */
    public static MongoServer onDisk(String host, int port, Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MongoServer server = new MongoServer(new HelloH2Backend(file.toAbsolutePath().toString()));
        server.bind(host, port);
        return server;
    }

    /** {@code MongoWireServer [--host 127.0.0.1] [--port 27017] [--file path]}: in memory without a file. */
    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        Path file = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--file" -> file = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MongoServer server;
        if (file == null) {
            server = new MongoServer(new HelloMemoryBackend());
            server.bind(host, port);
        }
        else {
            server = onDisk(host, port, file);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // closes the backend, which commits the H2 store
            stopped.countDown();
        }));
        System.out.println("MongoDB-wire server listening on " + host + ":" + port
                + (file == null ? " (in memory)" : " (data in " + file + ")"));
        stopped.await();
    }

    static Document hello(Document isMaster) {
        Document answer = new Document(isMaster);
        answer.put("isWritablePrimary", Boolean.TRUE);
        return answer;
    }

    static boolean isHello(String command) {
        return "hello".equalsIgnoreCase(command);
    }

    static final class HelloMemoryBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return isHello(command) ? hello(super.handleCommand(channel, database, "isMaster", query))
                    : super.handleCommand(channel, database, command, query);
        }
    }

    static final class HelloH2Backend extends H2Backend {
        HelloH2Backend(String file) {
            super(file);
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return isHello(command) ? hello(super.handleCommand(channel, database, "isMaster", query))
                    : super.handleCommand(channel, database, command, query);
        }
    }
}
