package eus.elkarlan.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import eus.elkarlan.notification.template.NotificationKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Every tunable of the service; the defaults live in {@code application.yml}.
 *
 * @param publicBaseUrl base of the links put in mails (unsubscribe), e.g. the gateway
 * @param linkSecret    HMAC key signing unsubscribe links
 * @param mail          the mail outbox relay
 * @param reminders     reminders before each scheduled meeting
 * @param nudge         the nudge for meeting requests left unanswered
 * @param digest        digest mode for non-urgent kinds
 * @param webhooks      partner webhook deliveries
 * @param consumer      Kafka consumption
 * @param maxBodyBytes  a request body announced larger gets 413
 */
@Validated
@ConfigurationProperties("elkarlan.notification")
public record NotificationProperties(@NotBlank String publicBaseUrl, @NotBlank String linkSecret,
        @Valid @NotNull Mail mail, @Valid @NotNull Reminders reminders, @Valid @NotNull Nudge nudge,
        @Valid @NotNull Digest digest, @Valid @NotNull Webhooks webhooks, @Valid @NotNull Consumer consumer,
        @Min(1) long maxBodyBytes) {

    /**
     * @param from           the From address
     * @param batchSize      mails sent per relay pass
     * @param maxAttempts    attempts before a mail is marked FAILED
     * @param initialBackoff wait after the first failed attempt, doubled each time
     * @param maxBackoff     cap of that wait
     * @param lease          how long a mail claimed by a relay pass is hidden from other passes
     */
    public record Mail(@NotBlank String from, @Min(1) int batchSize, @Min(1) int maxAttempts,
            @NotNull Duration initialBackoff, @NotNull Duration maxBackoff, @NotNull Duration lease) {
    }

    /** @param offsets how long before a meeting a reminder goes, e.g. P1D and PT15M */
    public record Reminders(boolean enabled, @NotNull List<Duration> offsets) {
    }

    /** @param after how long a request may stay unanswered before the invited company is nudged (once) */
    public record Nudge(boolean enabled, @NotNull Duration after) {
    }

    /**
     * @param enabled digest mode for everybody (a recipient may still opt out in its preferences)
     * @param kinds   the non-urgent kinds that wait for the digest
     * @param window  at most one digest per recipient per window
     */
    public record Digest(boolean enabled, @NotNull Set<NotificationKind> kinds, @NotNull Duration window) {
    }

    /**
     * @param batchSize                 deliveries per relay pass
     * @param timeout                   connect and response timeout of one call
     * @param retryAttempts             calls per relay pass (Resilience4j retry)
     * @param retryInitialInterval      first wait of the in-pass retry, growing by retryMultiplier
     * @param retryMultiplier           exponential factor
     * @param maxDeliveryAttempts       relay passes before a delivery is FAILED (kept, replayable)
     * @param redeliveryInitialBackoff  wait before the next pass after a failed one, doubled each time
     * @param redeliveryMaxBackoff      cap of that wait
     * @param pauseAfterFailures        consecutive failed passes after which the endpoint is paused
     * @param allowPrivateAddresses     whether endpoints may point at loopback or private addresses
     * @param circuit                   the circuit breaker of each endpoint
     */
    public record Webhooks(@Min(1) int batchSize, @NotNull Duration timeout, @Min(1) int retryAttempts,
            @NotNull Duration retryInitialInterval, double retryMultiplier, @Min(1) int maxDeliveryAttempts,
            @NotNull Duration redeliveryInitialBackoff, @NotNull Duration redeliveryMaxBackoff,
            @Min(1) int pauseAfterFailures, boolean allowPrivateAddresses, @Valid @NotNull Circuit circuit) {
    }

    /** Resilience4j circuit breaker settings, one breaker per endpoint. */
    public record Circuit(float failureRateThreshold, @NotNull Duration slowCallDuration, float slowCallRateThreshold,
            @Min(1) int slidingWindowSize, @Min(1) int minimumCalls, @NotNull Duration waitInOpen,
            @Min(1) int halfOpenCalls) {
    }

    /**
     * @param retryIntervalMs    wait between the bounded retries of a failing message, then the DLT
     * @param retryAttempts      retries after the first failure
     * @param processedRetention how long processed message ids are remembered (far longer than any redelivery)
     */
    public record Consumer(@Min(0) long retryIntervalMs, @Min(0) long retryAttempts,
            @NotNull Duration processedRetention) {
    }
}
