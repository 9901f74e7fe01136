package eus.elkarlan.gateway.login;

import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Spring Security creates the CSRF token lazily; this makes sure a browser holds the
 * {@code XSRF-TOKEN} cookie once it has a session or loads a page, so that the web UI can echo
 * it. Bearer calls are left alone (no cookie for scripts and partners).
 */
@Component
@Order(-30)
class CsrfCookieFilter implements WebFilter {

    private final LoginProperties login;

    CsrfCookieFilter(LoginProperties login) {
        this.login = login;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String authorization = request.getHeaders().getFirst("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        String path = request.getPath().value();
        boolean browser = request.getCookies().containsKey(login.sessionCookie()) || !(path.startsWith("/api/")
                || path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.startsWith("/fallback"));
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (bearer || !browser || token == null) {
            return chain.filter(exchange);
        }
        return token.then(chain.filter(exchange));
    }
}
