package eus.elkarlan.gateway.routing;

import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a call that failed, timed out or was refused by an open
 * circuit: 503 problem details with a {@code Retry-After}, never a 500.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private static final Map<String, String> SERVICES = Map.of("companies", "company-service", "matching",
            "matching-service", "events", "event-service", "notifications", "notification-service");

    private final RoutingProperties routing;

    FallbackController(RoutingProperties routing) {
        this.routing = routing;
    }

    @RequestMapping("/fallback/{routeId}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String routeId, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause instanceof org.springframework.web.server.ResponseStatusException refused
                && refused.getStatusCode().is4xxClientError()) {
            // the gateway refused the request itself (a streamed body over the limit): not the service's fault
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.getStatusCode(), refused.getReason());
            problem.setInstance(URI.create(originalPath(exchange)));
            return ResponseEntity.status(refused.getStatusCode()).body(problem);
        }
        String service = SERVICES.getOrDefault(routeId, "The service");
        log.warn("{} {} -> 503 ({} unavailable: {})", exchange.getRequest().getMethod(), originalPath(exchange), service,
                cause == null ? "?" : cause.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable or too slow right now; try again later.");
        problem.setTitle("Service Unavailable");
        problem.setInstance(URI.create(originalPath(exchange)));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(Math.max(1, routing.circuitBreaker().waitInOpenState().toSeconds())))
                .body(problem);
    }

    private static String originalPath(ServerWebExchange exchange) {
        java.util.LinkedHashSet<URI> uris = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        return uris == null || uris.isEmpty() ? exchange.getRequest().getPath().value() : uris.iterator().next().getPath();
    }
}
