package eus.elkarlan.gateway.routing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.BackoffConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * The public API's routes (DESIGN.md, Public API): each {@code /api/v1} path goes to the service
 * that owns it. Every route has a time budget, a circuit breaker whose fallback answers 503
 * problem details, retries for idempotent methods only, and relays the browser session's access
 * token (a bearer request keeps its own {@code Authorization} header). The browser's cookies
 * stop here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RoutingProperties.class, ServicesProperties.class })
class ApiRoutes {

    /** Route id → owning service, in the order the routes are tried (the most specific first). */
    static final Map<String, List<String>> PATHS = Map.of(
            "matching", List.of("/api/v1/companies/{id}/matches", "/api/v1/matches", "/api/v1/matches/**"),
            "companies", List.of("/api/v1/companies", "/api/v1/companies/**", "/api/v1/concepts", "/api/v1/concepts/**",
                    "/api/v1/open-data", "/api/v1/open-data/**"),
            "events", List.of("/api/v1/events", "/api/v1/events/**", "/api/v1/calendar/**"),
            "notifications", List.of("/api/v1/notifications", "/api/v1/notifications/**", "/api/v1/webhooks",
                    "/api/v1/webhooks/**"));

    @Bean
    RouteLocator apiRouteLocator(RouteLocatorBuilder builder, ServicesProperties services, RoutingProperties routing) {
        return builder.routes()
                .route("matching", r -> r.order(-1).path(paths("matching"))
                        .filters(f -> resilient(f, "matching", routing))
                        .metadata(timeouts("matching", routing)).uri(services.matching()))
                .route("companies", r -> r.order(0).path(paths("companies"))
                        .filters(f -> resilient(f, "companies", routing))
                        .metadata(timeouts("companies", routing)).uri(services.company()))
                .route("events", r -> r.order(0).path(paths("events"))
                        .filters(f -> resilient(f, "events", routing))
                        .metadata(timeouts("events", routing)).uri(services.event()))
                .route("notifications", r -> r.order(0).path(paths("notifications"))
                        .filters(f -> resilient(f, "notifications", routing))
                        .metadata(timeouts("notifications", routing)).uri(services.notification()))
                .build();
    }

    private static String[] paths(String routeId) {
        return PATHS.get(routeId).toArray(String[]::new);
    }

    private static GatewayFilterSpec resilient(GatewayFilterSpec filters, String routeId, RoutingProperties routing) {
        return filters
                .circuitBreaker(cb -> cb.setName(routeId)
                        .setFallbackUri(URI.create("forward:/fallback/" + routeId))
                        .setStatusCodes(java.util.Set.of("502", "503", "504")))
                .retry(retry -> retry.setRetries(routing.retries())
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        .setSeries()
                        .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                        .setExceptions(IOException.class, TimeoutException.class)
                        .setBackoff(new BackoffConfig(routing.retryBackoff(), routing.retryBackoff().multipliedBy(8), 2, true)))
                .tokenRelay()
                .removeRequestHeader("Cookie");
    }

    private static Map<String, Object> timeouts(String routeId, RoutingProperties routing) {
        return Map.of(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) routing.connectTimeout().toMillis(),
                RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, routing.timeoutOf(routeId).toMillis());
    }

    /**
     * One bulkhead per route that lets as many calls through at once as a service's request threads
     * (200 by default, Tomcat's), instead of Resilience4j's 25.
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> routeBulkheads(RoutingProperties routing) {
        BulkheadConfig bulkhead = BulkheadConfig.custom().maxConcurrentCalls(routing.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO).build();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(bulkhead).build());
    }

    /** One circuit breaker per route, its time limiter set to the route's budget. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakers(RoutingProperties routing) {
        var cb = routing.circuitBreaker();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slowCallDurationThreshold(cb.slowCallDurationThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                .build();
        return factory -> {
            factory.configureDefault(id -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breaker)
                    .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(routing.timeoutOf(id)).build())
                    .build());
        };
    }
}
