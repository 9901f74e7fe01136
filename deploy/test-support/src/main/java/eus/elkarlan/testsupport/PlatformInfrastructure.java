package eus.elkarlan.testsupport;

import java.util.Locale;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import de.bwaldvogel.mongo.MongoServer;
import eus.elkarlan.localstack.MongoWireServer;

/**
 * The Kafka broker and the MongoDB store of a test JVM, started once and shared by every test
 * context of that JVM.
 * <p>
 * One switch, the system property (or environment variable) {@code elkarlan.test.infra}:
 * <ul>
 * <li>{@code embedded} (default): Spring Kafka's embedded KRaft broker (a real broker) and a
 * MongoDB-wire server in the JVM (no transactions, no change streams);</li>
 * <li>{@code docker}: Kafka and a MongoDB replica set in Testcontainers ({@code mvn verify
 * -Delkarlan.test.infra=docker}); fails at once where no Docker engine answers.</li>
 * </ul>
 */
public final class PlatformInfrastructure {

    public static final String SWITCH = "elkarlan.test.infra";

    private static volatile PlatformInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String mongoUri;

    private PlatformInfrastructure(String kafkaBootstrapServers, String mongoUri) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
    }

    /** The shared infrastructure, started on first use. */
    public static PlatformInfrastructure get() {
        PlatformInfrastructure current = instance;
        if (current == null) {
            synchronized (PlatformInfrastructure.class) {
                current = instance;
                if (current == null) {
                    current = start(mode());
                    instance = current;
                }
            }
        }
        return current;
    }

    /** {@code embedded} or {@code docker}. */
    public static String mode() {
        String value = System.getProperty(SWITCH);
        if (value == null || value.isBlank()) {
            value = System.getenv(SWITCH.replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? "embedded" : value.trim().toLowerCase(Locale.ROOT);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** A connection string without database: each service names its own. */
    public String mongoUri() {
        return mongoUri;
    }

    private static PlatformInfrastructure start(String mode) {
        return switch (mode) {
            case "embedded" -> startEmbedded();
            case "docker" -> startContainers();
            default -> throw new IllegalStateException(SWITCH + " must be 'embedded' or 'docker', not '" + mode + "'");
        };
    }

    private static PlatformInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(java.util.Map.of("auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        MongoServer mongo = MongoWireServer.inMemory();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.shutdownNow();
            broker.destroy();
        }, "platform-infrastructure-stop"));
        String mongoUri = "mongodb://" + mongo.getLocalAddress().getHostString() + ":" + mongo.getLocalAddress().getPort();
        return new PlatformInfrastructure(broker.getBrokersAsString(), mongoUri);
    }

    private static PlatformInfrastructure startContainers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(SWITCH + "=docker, but no Docker engine answers on this machine");
        }
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0"); // a one-node replica set
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.stop();
            kafka.stop();
        }, "platform-containers-stop"));
        String uri = mongo.getReplicaSetUrl();
        // the replica set URL names the database "test": keep the host part, services name their own
        String withoutDatabase = uri.replaceFirst("/test(\\?|$)", "/$1");
        return new PlatformInfrastructure(kafka.getBootstrapServers(), withoutDatabase);
    }
}
