package eus.elkarlan.gateway.login;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * {@code GET /login[?redirect=/path]} starts the browser login and comes back to {@code redirect}
 * (a path of this site only, never another host); {@code GET /api/v1/session} tells the web UI
 * who is signed in. Logout is {@code POST /logout} (with the CSRF header), handled by Spring
 * Security: it ends the gateway session, then Keycloak's.
 */
@RestController
class LoginController {

    static final String REDIRECT_ATTRIBUTE = LoginController.class.getName() + ".redirect";

    @GetMapping("/login")
    Mono<ResponseEntity<Void>> login(@RequestParam(name = "redirect", required = false) String redirect,
            ServerWebExchange exchange) {
        return exchange.getSession().map(session -> {
            if (redirect != null && isLocalPath(redirect)) {
                session.getAttributes().put(REDIRECT_ATTRIBUTE, redirect);
            }
            else {
                session.getAttributes().remove(REDIRECT_ATTRIBUTE);
            }
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create("/oauth2/authorization/" + LoginConfiguration.REGISTRATION_ID)).build();
        });
    }

    /** Who is calling: through a browser session or a bearer token. 401 for nobody (security rule). */
    @GetMapping("/api/v1/session")
    Map<String, Object> session(Authentication authentication) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", true);
        body.put("subject", authentication.getName());
        if (authentication instanceof OAuth2AuthenticationToken oauth && oauth.getPrincipal() instanceof OidcUser user) {
            body.put("via", "session");
            body.put("username", user.getPreferredUsername());
            body.put("name", user.getFullName() != null ? user.getFullName() : user.getPreferredUsername());
            body.put("email", user.getEmail());
            body.put("locale", user.getLocale());
        }
        else if (authentication instanceof JwtAuthenticationToken jwt) {
            body.put("via", "bearer");
            body.put("username", jwt.getToken().getClaimAsString("preferred_username"));
            body.put("name", jwt.getToken().getClaimAsString("name") != null ? jwt.getToken().getClaimAsString("name")
                    : jwt.getToken().getClaimAsString("preferred_username"));
            body.put("client", jwt.getToken().getClaimAsString("azp"));
        }
        body.put("roles", roles(authentication));
        return body;
    }

    static List<String> roles(Authentication authentication) {
        List<String> roles = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority().startsWith("ROLE_")) {
                roles.add(authority.getAuthority().substring(5));
            }
        }
        return roles;
    }

    /** A path on this site: {@code /x}, but not {@code //host} or {@code /\host}, which browsers read as another host. */
    static boolean isLocalPath(String redirect) {
        return redirect.startsWith("/") && !redirect.startsWith("//") && !redirect.startsWith("/\\")
                && redirect.chars().noneMatch(c -> c < 0x20 || c == '\\');
    }
}
