package eus.elkarlan.security.keycloak;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP rules every service shares (DESIGN.md, HTTP rules): a stateless OAuth2 resource
 * server, no session and no CSRF (no cookie reaches a service), {@code /actuator/health} and the
 * Prometheus endpoint open, the configured public paths open, everything else authenticated;
 * 401 and 403 as problem details. Role rules sit on the controllers ({@code @PreAuthorize}),
 * object rules in the services. A service that needs more declares its own chain.
 */
@AutoConfiguration(after = KeycloakAdapterAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableMethodSecurity
public class ServiceSecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain elkarlanServiceSecurity(HttpSecurity http, KeycloakAdapterProperties properties,
            JwtAuthenticationConverter converter) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                            "/actuator/info", "/error", "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    for (String path : properties.publicGetPaths()) {
                        auth.requestMatchers(HttpMethod.GET, path).permitAll();
                    }
                    for (String path : properties.publicPaths()) {
                        auth.requestMatchers(path).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(request, response, 401,
                                "Unauthorized", "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(request, response, 403,
                                "Forbidden", "Your role does not allow this.")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(request, response, 401,
                                "Unauthorized", "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(request, response, 403,
                                "Forbidden", "Your role does not allow this.")));
        return http.build();
    }
}
