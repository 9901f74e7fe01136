package eus.elkarlan.gateway.login;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import org.springframework.web.server.WebSession;

import reactor.core.publisher.Mono;

import eus.elkarlan.security.keycloak.KeycloakRealmRoles;

/**
 * The browser's side of identity: Keycloak's public client {@code web} (authorization code with
 * PKCE, no secret), the session that holds its tokens, and the roles of a signed-in user taken
 * from its access token like for a bearer call, so that the same role rules apply to both.
 * <p>
 * The client registration is declared here rather than discovered from the issuer, so that the
 * gateway starts while Keycloak is still starting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
class LoginConfiguration {

    static final String REGISTRATION_ID = "keycloak";

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(LoginProperties login) {
        String browser = login.issuer() + "/protocol/openid-connect";
        String backchannel = login.backchannel() + "/protocol/openid-connect";
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Keycloak")
                .clientId(login.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE) // public client: PKCE
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .authorizationUri(browser + "/auth")
                .tokenUri(backchannel + "/token")
                .jwkSetUri(backchannel + "/certs")
                .userNameAttributeName("sub")
                .issuerUri(login.issuer())
                .providerConfigurationMetadata(Map.of("end_session_endpoint", browser + "/logout"))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    /** The tokens of a browser session live in that session, and go with it. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** Used by the TokenRelay filter: hands out the session's access token, refreshed when expired. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients) {
        var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(
                ReactiveOAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    /**
     * The signed-in user: the ID token's claims, named by its subject (like a bearer caller), with
     * the realm roles of its access token — validated by the same decoder as bearer tokens
     * (issuer, signature, audience {@code elkarlan-api}).
     */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(ReactiveJwtDecoder accessTokenDecoder) {
        OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
        KeycloakRealmRoles roles = new KeycloakRealmRoles();
        return request -> delegate.loadUser(request)
                .flatMap(user -> accessTokenDecoder.decode(request.getAccessToken().getTokenValue()).map(jwt -> {
                    Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
                    authorities.addAll(roles.convert(jwt));
                    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
                }));
    }

    /** The session cookie: HttpOnly, SameSite=Lax (Keycloak's redirect back is a top-level GET). */
    @Bean
    WebSessionManager webSessionManager(LoginProperties login) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(login.sessionCookie());
        resolver.addCookieInitializer((ResponseCookie.ResponseCookieBuilder cookie) -> cookie.httpOnly(true)
                .sameSite("Lax").secure(login.secureCookie()).path("/"));
        InMemoryWebSessionStore store = new InMemoryWebSessionStore();
        store.setMaxSessions(100_000);
        DefaultWebSessionManager manager = new DefaultWebSessionManager();
        manager.setSessionIdResolver(resolver);
        manager.setSessionStore(new TimedSessionStore(store, login.sessionTimeout()));
        return manager;
    }

    /** Gives every new session the configured idle timeout. */
    static final class TimedSessionStore implements WebSessionStore {

        private final WebSessionStore delegate;
        private final java.time.Duration timeout;

        TimedSessionStore(WebSessionStore delegate, java.time.Duration timeout) {
            this.delegate = delegate;
            this.timeout = timeout;
        }

        @Override
        public Mono<WebSession> createWebSession() {
            return delegate.createWebSession().doOnNext(session -> session.setMaxIdleTime(timeout));
        }

        @Override
        public Mono<WebSession> retrieveSession(String sessionId) {
            return delegate.retrieveSession(sessionId);
        }

        @Override
        public Mono<Void> removeSession(String sessionId) {
            return delegate.removeSession(sessionId);
        }

        @Override
        public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
            return delegate.updateLastAccessTime(webSession);
        }
    }
}
