package eus.elkarlan.gateway.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What browsers meet at the gateway.
 *
 * @param maxBodySize           larger request bodies get 413
 * @param corsAllowedOrigins    origins (scheme://host:port) whose pages may call the API; empty: none
 * @param corsAllowCredentials  whether such pages may send the session cookie (then also the CSRF header)
 * @param contentSecurityPolicy the CSP of every response; {@code {keycloak}} stands for Keycloak's URL
 * @param swaggerUiContentSecurityPolicy the CSP of Swagger UI's pages (it needs inline styles)
 */
@ConfigurationProperties("elkarlan.gateway.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue("false") boolean corsAllowCredentials,
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self' {keycloak}; frame-ancestors 'none'") String contentSecurityPolicy,
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' {keycloak}; object-src 'none'; base-uri 'self'; form-action 'self' {keycloak}; frame-ancestors 'none'") String swaggerUiContentSecurityPolicy) {
}
