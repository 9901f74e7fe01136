package eus.elkarlan.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire server in the JVM (mongo-java-server), in memory for tests or on disk (H2) for
 * the local stack. It answers {@code hello}, which Spring Boot's health check sends and the
 * library only knows as {@code isMaster}. It has no transactions, no change streams and no
 * {@code $text}, and ignores non-unique, compound and TTL indexes: nothing may depend on them.
 *
 * <p>On disk, a query that names {@code _id} (a value or {@code $in}) beside other conditions is
 * answered from the {@code _id} index and the other conditions checked on the documents found; the
 * library itself uses an index only when the query names exactly the indexed field, and otherwise
 * reads the whole collection while holding its lock (every read and write of that collection waits).
 * The outbox relays' leases ({@code _id} and a lease condition) and conditional replacements
 * ({@code _id} and a version) are such queries.
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
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new IdLookupH2Database(databaseName);
        }

        /**
         * The library's H2 database, whose collections answer {@code _id} lookups with extra conditions
         * from the index. Inner, so that the store is reachable while the super constructor opens the
         * existing collections.
         */
        final class IdLookupH2Database extends H2Database {
            IdLookupH2Database(String name) {
                super(name, getMvStore(), getCursorRegistry());
            }

            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                // the same map names as H2Database, so that the data written before stays readable
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
                MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
                return new IdLookupH2Collection(this, collectionName, options, data, meta, cursorRegistry);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return isHello(command) ? hello(super.handleCommand(channel, database, "isMaster", query))
                    : super.handleCommand(channel, database, command, query);
        }
    }

    static final class IdLookupH2Collection extends H2Collection {
        IdLookupH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            if (query.size() > 1 && query.containsKey("_id")) {
                Document byId = new Document("_id", query.get("_id"));
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        // the documents with those ids, filtered by the whole query
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
    }
}
