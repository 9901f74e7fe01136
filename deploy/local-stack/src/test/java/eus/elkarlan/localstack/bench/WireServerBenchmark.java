package eus.elkarlan.localstack.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import eus.elkarlan.localstack.MongoWireServer;

/**
 * Not a test: times, on an on-disk store holding N company-like documents, what a registration and
 * the outbox relay ask of the MongoDB-wire server, with the library's H2 backend ("library") and
 * with the local stack's ({@code MongoWireServer.onDisk}, "stack"). Prints milliseconds per operation.
 * {@code WireServerBenchmark [companies=700] [rounds=300]}
 */
public final class WireServerBenchmark {

    public static void main(String[] args) throws Exception {
        int companies = args.length > 0 ? Integer.parseInt(args[0]) : 700;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        for (String variant : List.of("library", "stack", "library", "stack")) {
            Path dir = Files.createTempDirectory("wire-bench");
            Path file = dir.resolve("mongo.mv");
            MongoServer server;
            if (variant.equals("library")) {
                server = new MongoServer(new H2Backend(file.toString()));
                server.bind("127.0.0.1", 0);
            }
            else {
                server = MongoWireServer.onDisk("127.0.0.1", 0, file);
            }
            InetSocketAddress address = server.getLocalAddress();
            try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
                MongoCollection<Document> c = client.getDatabase("companies").getCollection("companies");
                c.createIndex(Indexes.ascending("legalKey"), new IndexOptions().unique(true));
                c.createIndex(Indexes.ascending("ownerKey"), new IndexOptions().unique(true));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < companies; i++) {
                    ids.add(insert(c, i));
                }
                // registration before: owner's company, legal identifier's company, insert
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    c.find(Filters.eq("ownerKey", "owner-x" + i)).first();
                    c.find(Filters.eq("legalKey", "ES_NIF:X" + i)).first();
                    insert(c, companies + i);
                }
                double registerThree = (System.nanoTime() - t0) / 1e6 / rounds;
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    insert(c, companies + rounds + i);
                }
                double registerOne = (System.nanoTime() - t0) / 1e6 / rounds;
                // the relay's lease and release of one company (both name _id beside a condition)
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    String id = ids.get(i % ids.size());
                    Instant now = Instant.now();
                    c.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                            Filters.or(Filters.exists("relayLeaseUntil", false), Filters.lt("relayLeaseUntil", now))),
                            Updates.set("relayLeaseUntil", now.plusSeconds(60)));
                    c.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("relayLeaseUntil", now.plusSeconds(60))),
                            Updates.unset("relayLeaseUntil"));
                }
                double lease = (System.nanoTime() - t0) / 1e6 / rounds;
                // the relay's poll for pending messages (a whole-collection read on both)
                t0 = System.nanoTime();
                for (int i = 0; i < rounds / 10; i++) {
                    c.find(Filters.elemMatch("pendingMessages", Filters.exists("id"))).limit(100).into(new ArrayList<>());
                }
                double poll = (System.nanoTime() - t0) / 1e6 / (rounds / 10);
                System.out.printf("%-8s %d companies: registration 3 round trips %.2f ms, 1 round trip %.2f ms; "
                        + "lease+release by _id %.2f ms; poll %.2f ms%n", variant, companies + 2 * rounds, registerThree,
                        registerOne, lease, poll);
            }
            finally {
                server.shutdown();
            }
        }
    }

    private static String insert(MongoCollection<Document> c, int i) {
        String id = UUID.randomUUID().toString();
        List<Document> offers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            offers.add(new Document("id", UUID.randomUUID().toString()).append("title", "Zibersegurtasun auditoria " + k)
                    .append("lang", "eu").append("description", "Enpresa txikientzako segurtasun auditoriak eta aholkularitza. ".repeat(6))
                    .append("concepts", List.of("cybersecurity.audit", "consulting.it")).append("cooperation", List.of("SUPPLIER")));
        }
        Document profile = new Document("legalName", "Load company " + i).append("territory", "GIPUZKOA").append("city", "Donostia")
                .append("postalCode", "20018").append("offers", offers).append("needs", offers.subList(0, 1))
                .append("description", new Document("eu", "Donostiako enpresa. ".repeat(20)));
        c.insertOne(new Document("_id", id).append("legalKey", "ES_NIF:B" + i).append("ownerKey", "owner-" + i)
                .append("ownerSubject", "owner-" + i).append("profile", profile).append("version", 1L)
                .append("erased", false).append("pendingMessages", List.of()));
        return id;
    }
}
