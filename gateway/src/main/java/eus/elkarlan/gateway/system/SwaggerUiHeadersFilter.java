package eus.elkarlan.gateway.system;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import eus.elkarlan.gateway.login.LoginProperties;
import reactor.core.publisher.Mono;

/**
 * Swagger UI sets inline styles and fetches tokens from Keycloak: its pages get their own,
 * slightly looser policy; every other page keeps the strict one.
 */
@Component
@Order(-20)
class SwaggerUiHeadersFilter implements WebFilter {

    private final String policy;

    SwaggerUiHeadersFilter(WebProperties web, LoginProperties login) {
        this.policy = web.swaggerUiContentSecurityPolicy().replace("{keycloak}", login.keycloakOrigin());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui")) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
