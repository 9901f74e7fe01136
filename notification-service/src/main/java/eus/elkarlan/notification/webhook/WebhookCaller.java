package eus.elkarlan.notification.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.system.Hmac;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Calls a partner's endpoint with a signed delivery: Resilience4j retry with exponential backoff
 * around a circuit breaker of that endpoint (one breaker per URL), each call bounded by the
 * configured timeout. Slow calls count against the breaker like failures.
 * <p>
 * The signature follows the common webhook scheme: {@code Elkarlan-Webhook-Signature: v1=<hex>}
 * where hex is HMAC-SHA256 of {@code "<timestamp>.<body>"} with the subscription's secret, and
 * {@code Elkarlan-Webhook-Timestamp} is in Unix seconds, fresh at every call; a receiver
 * recomputes it, rejects old timestamps (replays) and dedupes on {@code Elkarlan-Webhook-Id}.
 */
@Component
class WebhookCaller {

    static final String ID_HEADER = "Elkarlan-Webhook-Id";
    static final String TIMESTAMP_HEADER = "Elkarlan-Webhook-Timestamp";
    static final String SIGNATURE_HEADER = "Elkarlan-Webhook-Signature";
    static final String TYPE_HEADER = "Elkarlan-Webhook-Type";

    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final NotificationProperties.Webhooks config;
    private final Clock clock;

    WebhookCaller(NotificationProperties properties, Clock clock) {
        this.config = properties.webhooks();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        NotificationProperties.Circuit circuit = config.circuit();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(circuit.failureRateThreshold())
                .slowCallDurationThreshold(circuit.slowCallDuration())
                .slowCallRateThreshold(circuit.slowCallRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindowSize())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .waitDurationInOpenState(circuit.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(circuit.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(config.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(config.retryInitialInterval(),
                        config.retryMultiplier()))
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
    }

    /** The result of one relay pass: delivered or not, and what each call did. */
    record Result(boolean delivered, boolean circuitOpen, List<Delivery.Attempt> attempts) {
    }

    Result deliver(Subscription subscription, Delivery delivery) {
        CircuitBreaker breaker = breaker(subscription.url());
        Retry retry = retries.retry(subscription.url());
        List<Delivery.Attempt> attempts = new ArrayList<>();
        CheckedSupplier<Integer> call = CircuitBreaker.decorateCheckedSupplier(breaker,
                () -> call(subscription, delivery, attempts));
        try {
            Retry.decorateCheckedSupplier(retry, call).get();
            return new Result(true, false, attempts);
        }
        catch (CallNotPermittedException open) {
            // a call refused before any reached the endpoint is not the endpoint's failure
            boolean called = !attempts.isEmpty();
            attempts.add(new Delivery.Attempt(clock.instant(), "CIRCUIT_OPEN", null, "circuit open", 0));
            return new Result(false, !called, attempts);
        }
        catch (Throwable failed) {
            return new Result(false, false, attempts);
        }
    }

    CircuitBreaker.State circuitState(String url) {
        return breaker(url).getState();
    }

    private CircuitBreaker breaker(String url) {
        return breakers.circuitBreaker(url);
    }

    private int call(Subscription subscription, Delivery delivery, List<Delivery.Attempt> attempts) throws IOException,
            InterruptedException {
        long started = System.nanoTime();
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Elkarlan-Webhooks/1")
                .header(ID_HEADER, delivery.id())
                .header(TYPE_HEADER, delivery.type())
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "v1=" + sign(subscription.secret(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long ms = (System.nanoTime() - started) / 1_000_000;
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                attempts.add(new Delivery.Attempt(clock.instant(), "DELIVERED", status, null, ms));
                return status;
            }
            attempts.add(new Delivery.Attempt(clock.instant(), "HTTP_ERROR", status, "status " + status, ms));
            throw new EndpointFailed(status);
        }
        catch (HttpTimeoutException timeout) {
            attempts.add(new Delivery.Attempt(clock.instant(), "TIMEOUT", null, "no answer within " + config.timeout(),
                    (System.nanoTime() - started) / 1_000_000));
            throw timeout;
        }
        catch (IOException ex) {
            attempts.add(new Delivery.Attempt(clock.instant(), "ERROR", null, ex.getClass().getSimpleName(),
                    (System.nanoTime() - started) / 1_000_000));
            throw ex;
        }
    }

    /** The endpoint answered, but not with 2xx. */
    static final class EndpointFailed extends RuntimeException {
        EndpointFailed(int status) {
            super("endpoint answered " + status);
        }
    }

    static String sign(String secret, String timestamp, String body) {
        return Hmac.sha256Hex(secret, timestamp + "." + body);
    }
}
