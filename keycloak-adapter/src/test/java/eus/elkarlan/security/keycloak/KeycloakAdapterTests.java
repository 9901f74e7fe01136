package eus.elkarlan.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class KeycloakAdapterTests {

    @Test
    void realmRolesBecomeAuthoritiesAndKeycloakInternalRolesAreLeftOut() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles",
                List.of("company", "offline_access", "default-roles-elkarlan", "uma_authorization"))), "elkarlan-api");

        JwtAuthenticationToken auth = (JwtAuthenticationToken) KeycloakJwtAuthentication.converter().convert(jwt);

        // Spring Security 7 adds a FACTOR_BEARER authority of its own; the roles are ours
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .filteredOn(a -> a.startsWith("ROLE_")).containsExactly("ROLE_company");
        assertThat(auth.getName()).isEqualTo("user-sub");
    }

    @Test
    void tokenWithoutRealmAccessHasNoRole() {
        assertThat(new KeycloakRealmRoles().convert(token(Map.of(), "elkarlan-api"))).isEmpty();
        assertThat(new KeycloakRealmRoles().convert(token(Map.of("realm_access", "admin"), "elkarlan-api"))).isEmpty();
        assertThat(new KeycloakRealmRoles().convert(token(Map.of("roles", List.of("admin")), "elkarlan-api"))).isEmpty();
    }

    @Test
    void audienceMustHoldTheApi() {
        AudienceValidator validator = new AudienceValidator("elkarlan-api");
        assertThat(validator.validate(token(Map.of(), "elkarlan-api")).hasErrors()).isFalse();
        assertThat(validator.validate(token(Map.of(), "account")).hasErrors()).isTrue();
        assertThatThrownBy(() -> new AudienceValidator(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Jwt token(Map<String, Object> claims, String audience) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-sub")
                .audience(List.of(audience)).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
