package eus.elkarlan.security.keycloak;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Keycloak puts realm roles under the nested claim {@code realm_access.roles}, which Spring
 * Security's default converter cannot read. Each role becomes {@code ROLE_<role>}, so that
 * {@code hasRole("organizer")} works. Only the platform's roles count: Keycloak's own
 * ({@code offline_access}, {@code default-roles-elkarlan}…) are left out.
 */
public final class KeycloakRealmRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    /** The realm roles of the platform. */
    public static final Set<String> PLATFORM_ROLES = Set.of("company", "organizer", "partner", "admin");

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (!(realmAccess instanceof Map<?, ?> access) || !(access.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(PLATFORM_ROLES::contains)
                .distinct()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
