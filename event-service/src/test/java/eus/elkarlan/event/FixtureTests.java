package eus.elkarlan.event;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.event.company.KnownCompanyRepository;
import eus.elkarlan.event.event.EventRepository;

/**
 * What the API tests of the running service share: its port, the broker, the read model of
 * companies, the events' store, a fresh {@link Fixtures} per test and an organizer of their own.
 */
public abstract class FixtureTests {

    @LocalServerPort
    protected int port;
    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;
    @Autowired
    protected KafkaTemplate<String, Envelope> kafka;
    @Autowired
    protected KnownCompanyRepository companies;
    @Autowired
    protected EventRepository events;

    protected Fixtures f;
    protected final String organizer = UUID.randomUUID().toString();

    @BeforeEach
    void fixtures() {
        f = new Fixtures(port, kafka, companies, bootstrapServers);
    }
}
