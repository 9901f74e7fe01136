package eus.elkarlan.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service under test at the shared Kafka broker and MongoDB store and at the test JWK
 * set. Its properties rank above the service's own configuration files.
 */
public class PlatformTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PlatformInfrastructure infrastructure = PlatformInfrastructure.get();
        TestTokens tokens = TestTokens.get();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("elkarlanPlatformTest", Map.of(
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri", infrastructure.mongoUri(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens.jwkSetUri(),
                "spring.kafka.consumer.auto-offset-reset", "earliest",
                "elkarlan.test.infra", PlatformInfrastructure.mode())));
    }
}
