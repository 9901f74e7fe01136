package eus.elkarlan.gateway.config;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import eus.elkarlan.gateway.login.LoginProperties;
import eus.elkarlan.gateway.login.LoginRedirects;
import eus.elkarlan.gateway.system.Problems;
import eus.elkarlan.gateway.system.WebProperties;
import reactor.core.publisher.Mono;

/**
 * One chain for both kinds of callers (DESIGN.md, Identity and HTTP rules):
 * <ul>
 * <li>partners and scripts send a bearer token, validated here (issuer, signature, expiry,
 * audience {@code elkarlan-api}) and again by every service; no session, no CSRF check;</li>
 * <li>browsers sign in with Keycloak (authorization code with PKCE) and hold a session cookie; a
 * state-changing request that carries the session cookie must echo the {@code XSRF-TOKEN}
 * cookie in the {@code X-XSRF-TOKEN} header.</li>
 * </ul>
 * A call that needs a caller and has none gets 401 problem details — never a login redirect,
 * never a CSRF 403; a caller without the role gets 403. Roles come from {@code realm_access.roles}
 * (keycloak-adapter) for both kinds; object rules stay in the services.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(WebProperties.class)
class GatewaySecurityConfiguration {

    static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtAuthenticationConverterAdapter converter,
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository authorizedClients,
            LoginProperties login, WebProperties web) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                "Sign in or send a valid bearer token.");
        ServerAccessDeniedHandler forbidden = (exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "Your role does not allow this.");

        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(login.secureCookie()));

        LoginRedirects loginRedirects = new LoginRedirects();
        OidcClientInitiatedServerLogoutSuccessHandler endKeycloakSession = new OidcClientInitiatedServerLogoutSuccessHandler(
                registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/");
        endKeycloakSession.setLogoutSuccessUrl(URI.create("/"));

        return http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(Customizer.withDefaults())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // the plain token: the web UI copies the cookie into the header
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(cookieSessionWrite(login.sessionCookie())))
                .authorizeExchange(ApiAccessRules::apply)
                .oauth2Login(oauth -> oauth.clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .authenticationSuccessHandler(loginRedirects)
                        .authenticationFailureHandler(loginRedirects))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                                new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(endKeycloakSession))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                web.contentSecurityPolicy().replace("{keycloak}", login.keycloakOrigin())))
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicy(permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=()"))
                        .hsts(hsts -> hsts.includeSubdomains(true).maxAge(java.time.Duration.ofDays(365))))
                .build();
    }

    /**
     * CSRF protection is for the browser's cookie session only: a write that carries the session
     * cookie and no bearer token. A bearer call or a call without session is never refused for
     * CSRF (it gets 401 if it needs a caller).
     */
    static ServerWebExchangeMatcher cookieSessionWrite(String sessionCookie) {
        return exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            boolean write = !SAFE_METHODS.contains(request.getMethod());
            boolean bearer = hasBearerToken(request);
            boolean session = request.getCookies().containsKey(sessionCookie);
            return write && !bearer && session ? MatchResult.match() : MatchResult.notMatch();
        };
    }

    static boolean hasBearerToken(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Pages of the configured origins may call the API. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(WebProperties web) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(web.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Accept-Language", "If-Match",
                "If-None-Match", "Idempotency-Key", "X-XSRF-TOKEN"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"));
        cors.setAllowCredentials(web.corsAllowCredentials());
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/v3/api-docs", cors);
        return source;
    }
}
