package eus.elkarlan.gateway.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The browser login (OIDC authorization code with PKCE against Keycloak).
 *
 * @param issuer          the realm's issuer as browsers reach it (the authorization and logout
 *                        endpoints are under it)
 * @param backchannelUrl  the same realm as the gateway reaches it (token and key endpoints);
 *                        empty: {@code issuer}
 * @param clientId        the public client of the web UI
 * @param sessionCookie   name of the session cookie
 * @param secureCookie    mark cookies {@code Secure} (true wherever the gateway is served over HTTPS)
 * @param sessionTimeout  idle time after which the gateway forgets a session
 */
@ConfigurationProperties("elkarlan.gateway.login")
public record LoginProperties(@DefaultValue("http://127.0.0.1:8180/realms/elkarlan") String issuer,
        @DefaultValue("") String backchannelUrl, @DefaultValue("web") String clientId,
        @DefaultValue("ELKARLAN_SESSION") String sessionCookie, @DefaultValue("false") boolean secureCookie,
        @DefaultValue("30m") Duration sessionTimeout) {

    /** The realm's URL for server-to-server calls. */
    public String backchannel() {
        return backchannelUrl == null || backchannelUrl.isBlank() ? issuer : backchannelUrl;
    }

    /** Keycloak's base URL as browsers reach it (the issuer without {@code /realms/...}). */
    public String keycloakOrigin() {
        int realms = issuer.indexOf("/realms/");
        return realms < 0 ? issuer : issuer.substring(0, realms);
    }
}
