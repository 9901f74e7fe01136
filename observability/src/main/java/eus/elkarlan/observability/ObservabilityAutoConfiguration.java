package eus.elkarlan.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.micrometer.observation.ObservationRegistry;

/** {@link OutboxTracing} on the service's observation registry (a no-op one when observation is off). */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxTracing outboxTracing(ObjectProvider<ObservationRegistry> registry) {
        return new OutboxTracing(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
