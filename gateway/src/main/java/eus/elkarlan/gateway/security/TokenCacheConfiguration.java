package eus.elkarlan.gateway.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * What a proxied request costs in CPU (README, "CPU per request"): verified bearer tokens are
 * remembered ({@link VerifiedTokenCache} around the decoder Spring Boot builds from the
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties), and Spring Security does not
 * wrap its filters, authentication and authorization in Micrometer observations (the request's own
 * observation and trace, and the trace passed on to the services, stay).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenCacheProperties.class)
class TokenCacheConfiguration {

    @Bean
    static BeanPostProcessor verifiedTokenCache(ObjectProvider<TokenCacheProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof VerifiedTokenCache)) {
                    TokenCacheProperties cache = properties.getObject();
                    if (cache.enabled()) {
                        return new VerifiedTokenCache(decoder, cache.maxEntries(), cache.maxAge(), Clock.systemUTC());
                    }
                }
                return bean;
            }
        };
    }

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
