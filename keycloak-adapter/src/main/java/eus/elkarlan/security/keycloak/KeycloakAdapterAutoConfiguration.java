package eus.elkarlan.security.keycloak;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

/**
 * Registers the audience check (Spring Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to
 * the decoder it builds) and the role mapping (picked up by {@code oauth2ResourceServer().jwt()}).
 */
@AutoConfiguration
@EnableConfigurationProperties(KeycloakAdapterProperties.class)
public class KeycloakAdapterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(AudienceValidator.class)
    OAuth2TokenValidator<Jwt> elkarlanAudienceValidator(KeycloakAdapterProperties properties) {
        return new AudienceValidator(properties.audience());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    static class Servlet {

        @Bean
        @ConditionalOnMissingBean
        JwtAuthenticationConverter keycloakJwtAuthenticationConverter() {
            return KeycloakJwtAuthentication.converter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(name = "reactor.core.publisher.Mono")
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean
        ReactiveJwtAuthenticationConverterAdapter keycloakReactiveJwtAuthenticationConverter() {
            return new ReactiveJwtAuthenticationConverterAdapter(KeycloakJwtAuthentication.converter());
        }
    }
}
