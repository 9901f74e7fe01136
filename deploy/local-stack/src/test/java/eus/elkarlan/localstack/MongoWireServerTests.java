package eus.elkarlan.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The on-disk MongoDB-wire server of the local stack: queries naming {@code _id} beside other
 * conditions (answered from the {@code _id} index) give what MongoDB gives, and data written by the
 * library's own H2 backend stays readable.
 */
class MongoWireServerTests {

    @Test
    void idQueriesWithOtherConditionsMatchOnlyWhatTheWholeQuerySelects(@TempDir Path dir) throws Exception {
        MongoServer server = MongoWireServer.onDisk("127.0.0.1", 0, dir.resolve("mongo.mv"));
        try (MongoClient client = client(server)) {
            MongoCollection<Document> companies = client.getDatabase("companies").getCollection("companies");
            companies.createIndex(Indexes.ascending("ownerKey"), new IndexOptions().unique(true));
            for (int i = 0; i < 6; i++) {
                companies.insertOne(new Document("_id", "c" + i).append("ownerKey", "o" + i).append("version", i % 2)
                        .append("pending", i < 4));
            }
            // a value and $in, with a condition
            assertThat(ids(companies.find(Filters.and(Filters.eq("_id", "c1"), Filters.eq("version", 1))))).containsExactly("c1");
            assertThat(ids(companies.find(Filters.and(Filters.eq("_id", "c1"), Filters.eq("version", 0))))).isEmpty();
            assertThat(ids(companies.find(Filters.and(Filters.in("_id", "c0", "c1", "c2", "c5", "nobody"),
                    Filters.eq("pending", true))))).containsExactlyInAnyOrder("c0", "c1", "c2");
            // a lease: $or beside _id, in one update of several documents, then released
            var leased = companies.updateMany(Filters.and(Filters.in("_id", "c0", "c1", "c4"),
                    Filters.or(Filters.exists("lease", false), Filters.eq("lease", "lapsed"))), Updates.set("lease", "mine"));
            assertThat(leased.getModifiedCount()).isEqualTo(3);
            assertThat(companies.updateMany(Filters.and(Filters.in("_id", "c0", "c1", "c4"), Filters.exists("lease", false)),
                    Updates.set("lease", "theirs")).getModifiedCount()).isZero();
            assertThat(companies.findOneAndUpdate(Filters.and(Filters.eq("_id", "c1"), Filters.eq("lease", "mine")),
                    Updates.unset("lease"))).isNotNull();
            assertThat(ids(companies.find(Filters.eq("lease", "mine")))).containsExactlyInAnyOrder("c0", "c4");
            // operators the index cannot answer fall back to reading the collection
            assertThat(ids(companies.find(Filters.and(Filters.ne("_id", "c0"), Filters.eq("version", 0)))))
                    .containsExactlyInAnyOrder("c2", "c4");
            // deletes and unique indexes still hold
            assertThat(companies.deleteOne(Filters.and(Filters.eq("_id", "c5"), Filters.eq("pending", false))).getDeletedCount())
                    .isEqualTo(1);
            assertThatThrownBy(() -> companies.updateOne(Filters.and(Filters.eq("_id", "c2"), Filters.eq("version", 0)),
                    Updates.set("ownerKey", "o3"))).isInstanceOf(MongoWriteException.class);
        }
        finally {
            server.shutdown();
        }
    }

    @Test
    void dataWrittenByTheLibrarysH2BackendIsReadAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mongo.mv");
        MongoServer plain = new MongoServer(new H2Backend(file.toString()));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = client(plain)) {
            client.getDatabase("events").getCollection("events").insertOne(new Document("_id", "e1").append("title", "Bilera"));
        }
        finally {
            plain.shutdown();
        }
        MongoServer server = MongoWireServer.onDisk("127.0.0.1", 0, file);
        try (MongoClient client = client(server)) {
            MongoCollection<Document> events = client.getDatabase("events").getCollection("events");
            assertThat(ids(events.find(Filters.and(Filters.eq("_id", "e1"), Filters.eq("title", "Bilera"))))).containsExactly("e1");
            events.insertOne(new Document("_id", "e2").append("title", "Rencontre"));
        }
        finally {
            server.shutdown();
        }
        server = MongoWireServer.onDisk("127.0.0.1", 0, file);
        try (MongoClient client = client(server)) {
            assertThat(ids(client.getDatabase("events").getCollection("events").find())).containsExactlyInAnyOrder("e1", "e2");
        }
        finally {
            server.shutdown();
        }
    }

    private static MongoClient client(MongoServer server) {
        InetSocketAddress address = server.getLocalAddress();
        return MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
