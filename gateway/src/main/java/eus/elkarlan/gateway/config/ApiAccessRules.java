package eus.elkarlan.gateway.config;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * The role rules the gateway can decide from the method and path alone (DESIGN.md, Public API,
 * the "who" column). The services check again, and alone decide the object rules (only the
 * owner, only the two parties…). Order matters: the first matching rule wins. Rules on reads carry
 * no method, so that {@code HEAD} meets the same rule as {@code GET}.
 */
final class ApiAccessRules {

    private static final String[] PUBLIC_READS = { "/api/v1/companies", "/api/v1/companies/*", "/api/v1/concepts",
            "/api/v1/concepts/**", "/api/v1/events", "/api/v1/events/*", "/api/v1/open-data", "/api/v1/open-data/**",
            // calendar subscriptions (event-service): the secret token in the path is the credential
            "/api/v1/calendar/*" };

    private ApiAccessRules() {
    }

    static void apply(AuthorizeExchangeSpec rules) {
        rules
                // open: health, the web UI, login, API documentation
                .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                .pathMatchers("/actuator/**").denyAll()
                .pathMatchers("/login", "/logout", "/oauth2/**", "/login/oauth2/**", "/fallback/**").permitAll()
                .pathMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                .permitAll()

                // companies
                .pathMatchers(POST, "/api/v1/companies").hasRole("company")
                .pathMatchers("/api/v1/companies/me", "/api/v1/companies/*/export").hasRole("company")
                .pathMatchers(PUT, "/api/v1/companies/*").hasAnyRole("company", "admin")
                .pathMatchers(DELETE, "/api/v1/companies/*").hasAnyRole("company", "admin")
                // matching
                .pathMatchers("/api/v1/companies/*/matches").hasAnyRole("company", "organizer", "admin")
                .pathMatchers("/api/v1/matches/audit", "/api/v1/matches/audit/**").hasAnyRole("organizer", "admin")
                // events
                .pathMatchers(POST, "/api/v1/events").hasRole("organizer")
                .pathMatchers(PUT, "/api/v1/events/*").hasRole("organizer")
                .pathMatchers(POST, "/api/v1/events/*/cancel", "/api/v1/events/*/schedule",
                        "/api/v1/events/*/schedule/publish").hasRole("organizer")
                .pathMatchers("/api/v1/events/*/stats").hasRole("organizer")
                .pathMatchers("/api/v1/events/*/schedule", "/api/v1/events/*/agenda/*").hasAnyRole("organizer", "company")
                .pathMatchers(POST, "/api/v1/events/*/participants", "/api/v1/events/*/meeting-requests",
                        "/api/v1/events/*/meeting-requests/**", "/api/v1/events/*/meetings/*/feedback").hasRole("company")
                .pathMatchers(POST, "/api/v1/events/*/meetings/*/check-in").hasAnyRole("company", "organizer")
                .pathMatchers(DELETE, "/api/v1/events/*/participants/*").hasAnyRole("company", "organizer")
                // notifications and webhooks
                .pathMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole("partner")
                .pathMatchers("/api/v1/notifications", "/api/v1/notifications/**").authenticated()

                // public reads
                .pathMatchers(GET, PUBLIC_READS).permitAll()
                .pathMatchers(HEAD, PUBLIC_READS).permitAll()

                // the rest of the API needs a caller; everything else is the web UI's static content
                .pathMatchers("/api/**").authenticated()
                .anyExchange().permitAll();
    }
}
