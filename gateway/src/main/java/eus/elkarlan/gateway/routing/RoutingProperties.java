package eus.elkarlan.gateway.routing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway talks to the services.
 *
 * @param connectTimeout  TCP connect timeout towards a service
 * @param timeout         the default time budget of one call through a route, retries included
 * @param timeouts        per route id ({@code companies}, {@code matching}, {@code events},
 *                        {@code notifications}), overriding {@code timeout}
 * @param retries         retries of an idempotent call (GET, HEAD) that failed to connect or got
 *                        502/503/504; other methods are never retried
 * @param retryBackoff    first backoff between two retries (doubled each time)
 * @param circuitBreaker  the circuit breaker every route has
 * @param maxConcurrentCalls calls in flight through one route at once (its bulkhead); one more is
 *                        refused with 503 at once. Resilience4j's default, 25, refused registrations
 *                        at 50 a second on the local stack and its refusals opened the breaker.
 */
@ConfigurationProperties("elkarlan.gateway.routing")
public record RoutingProperties(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("10s") Duration timeout,
        @DefaultValue Map<String, Duration> timeouts, @DefaultValue("2") int retries,
        @DefaultValue("50ms") Duration retryBackoff, @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue("200") int maxConcurrentCalls) {

    /** The time budget of one call through the given route. */
    public Duration timeoutOf(String routeId) {
        return timeouts.getOrDefault(routeId, timeout);
    }

    /**
     * @param failureRateThreshold    percentage of failed calls that opens the circuit
     * @param slowCallDurationThreshold a call slower than this counts as slow
     * @param slidingWindowSize       calls looked at
     * @param minimumNumberOfCalls    calls needed before the rate counts
     * @param waitInOpenState         how long an open circuit refuses calls (also the 503's Retry-After)
     * @param permittedCallsInHalfOpenState trial calls after the wait
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("5s") Duration slowCallDurationThreshold, @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls, @DefaultValue("10s") Duration waitInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState) {
    }
}
