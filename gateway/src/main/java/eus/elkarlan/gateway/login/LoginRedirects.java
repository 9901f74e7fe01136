package eus.elkarlan.gateway.login;

import java.net.URI;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.core.AuthenticationException;

import reactor.core.publisher.Mono;

/** After Keycloak: back to the page the login was started for, or to the home page. */
public final class LoginRedirects implements ServerAuthenticationSuccessHandler, ServerAuthenticationFailureHandler {

    private final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
        return exchange.getExchange().getSession().flatMap(session -> {
            Object target = session.getAttributes().remove(LoginController.REDIRECT_ATTRIBUTE);
            String path = target instanceof String s && LoginController.isLocalPath(s) ? s : "/";
            return redirects.sendRedirect(exchange.getExchange(), URI.create(path));
        });
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException exception) {
        return redirects.sendRedirect(exchange.getExchange(), URI.create("/?login=failed"));
    }
}
