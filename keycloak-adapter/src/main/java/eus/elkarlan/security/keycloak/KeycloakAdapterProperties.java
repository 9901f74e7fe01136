package eus.elkarlan.security.keycloak;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param audience        the audience every accepted token must carry
 * @param publicGetPaths  paths anybody may {@code GET} without a token (the public directory, say)
 * @param publicPaths     paths anybody may call with any method
 */
@ConfigurationProperties("elkarlan.security")
public record KeycloakAdapterProperties(@DefaultValue("elkarlan-api") String audience,
        @DefaultValue List<String> publicGetPaths, @DefaultValue List<String> publicPaths) {
}
