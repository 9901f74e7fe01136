package eus.elkarlan.test.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.bwaldvogel.mongo.MongoServer;
import eus.elkarlan.localstack.MongoWireServer;

/**
 * The fuzzer against a deliberately careless service: each rule it enforces must be reported
 * broken, so that a green fuzz pass in a service means something.
 */
class ApiFuzzerTests {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {
              "/api/v1/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
              "/api/v1/things/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]}}
            }, "components": {"schemas": {"Thing": {"type": "object", "properties": {
              "name": {"type": "string"}, "size": {"type": "string", "enum": ["SMALL", "LARGE"]}}}}}}
            """;

    private MongoServer mongo;
    private MongoClient client;
    private MongoDatabase database;
    private HttpServer server;

    @BeforeEach
    void careless() throws IOException {
        mongo = MongoWireServer.inMemory();
        client = MongoClients.create("mongodb://" + mongo.getLocalAddress().getHostString() + ":" + mongo.getLocalAddress().getPort());
        database = client.getDatabase("careless");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> answer(exchange, 200, "application/json", DOCUMENT));
        server.createContext("/api/v1/things", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestMethod().equals("GET")) {
                if (path.endsWith("/thing-a")) {
                    // shows the owner's contact to everybody
                    answer(exchange, 200, "application/json", "{\"id\":\"thing-a\",\"contact\":\"owner-a@careless.example\"}");
                }
                else {
                    answer(exchange, 404, "text/plain", "not here");
                }
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // stores before it validates
            database.getCollection("things").insertOne(new Document("body", body.length() > 100 ? "long" : body));
            if (body.contains("\"$where\"")) {
                answer(exchange, 500, "application/problem+json", "{\"status\":500,\"detail\":\"at java.lang.Thread.run\"}");
            }
            else if (body.length() > 1024 * 1024) {
                answer(exchange, 201, "application/json", "{}");
            }
            else {
                answer(exchange, 400, "application/problem+json", "{\"status\":400,\"title\":\"Bad Request\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.close();
        mongo.shutdownNow();
    }

    @Test
    void everyBrokenRuleIsReported() {
        FuzzReport report = ApiFuzzer.forService("careless", server.getAddress().getPort())
                .callers(FuzzCaller.insider("owner", "token-a"), FuzzCaller.outsider("other-company", "token-b"),
                        FuzzCaller.anonymous())
                .pathValue("id", "thing-a")
                .body("POST /api/v1/things", () -> Map.of("name", "Itsaso", "size", "SMALL"))
                .secret("owner-a@careless.example")
                .store(() -> StoreSnapshot.of(database, Set.of()))
                .run();

        assertThat(report.operations()).isEqualTo(2);
        assertThat(report.failures()).extracting(FuzzReport.Failure::kind).contains("5xx", "internals shown",
                "4xx not problem+json", "another company's data", "stored change from a rejected request", "expected 413");
        assertThatThrownBy(report::assertNoBrokenRules).isInstanceOf(AssertionError.class)
                .hasMessageContaining("API fuzz of careless (seed 20261129)");
    }

    @Test
    void theSameSeedSendsTheSameRequests() {
        FuzzReport first = ApiFuzzer.forService("careless", server.getAddress().getPort()).seed(7)
                .callers(FuzzCaller.insider("owner", "token-a"), FuzzCaller.anonymous()).pathValue("id", "thing-a").run();
        FuzzReport second = ApiFuzzer.forService("careless", server.getAddress().getPort()).seed(7)
                .callers(FuzzCaller.insider("owner", "token-a"), FuzzCaller.anonymous()).pathValue("id", "thing-a").run();
        assertThat(second.requests()).isEqualTo(first.requests());
        assertThat(second.byStatus()).isEqualTo(first.byStatus());
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
