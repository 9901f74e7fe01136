package eus.elkarlan.security.keycloak;

import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Builds the converter every service and the gateway use: realm roles as authorities, the subject as name. */
public final class KeycloakJwtAuthentication {

    private KeycloakJwtAuthentication() {
    }

    /** The principal's name is the token's subject: the owner of what the caller creates. */
    public static JwtAuthenticationConverter converter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoles());
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        return converter;
    }
}
