package eus.elkarlan.event.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the event service.
 *
 * @param requestExpiry          how long a meeting request waits for an answer
 * @param expiryCheckInterval    how often expired requests are closed
 * @param outboxInterval         how often the outbox relay sends pending messages
 * @param defaultMaxRequests     cap on requests one participant may send when the event sets none
 *                               (never below the number of slots)
 * @param defaultTimeLimitSeconds scheduler time limit when the request gives none
 * @param maxTimeLimitSeconds    upper bound an organizer may ask for
 * @param defaultFairness        d in max − min breaks per participant ≤ d
 * @param solverWorkers          CP-SAT search workers per job
 * @param schedulerThreads       scheduling jobs run at once (others queue)
 * @param latePlacementSeconds   time limit of the job that places meetings accepted after publication
 * @param reconcileInterval      how often published schedules are checked against their events (a
 *                               safety net: changes are followed at once)
 * @param publicBaseUrl          base of the calendar subscription URLs (the gateway's address as
 *                               calendar apps reach it); empty: taken from the request
 * @param idempotencyRetention   how long an {@code Idempotency-Key} and its first answer are kept
 */
@ConfigurationProperties("elkarlan.events")
public record EventProperties(@DefaultValue("72h") Duration requestExpiry,
        @DefaultValue("60s") Duration expiryCheckInterval, @DefaultValue("500ms") Duration outboxInterval,
        @DefaultValue("50") int defaultMaxRequests, @DefaultValue("60") int defaultTimeLimitSeconds,
        @DefaultValue("600") int maxTimeLimitSeconds, @DefaultValue("2") int defaultFairness,
        @DefaultValue("2") int solverWorkers, @DefaultValue("1") int schedulerThreads,
        @DefaultValue("10") int latePlacementSeconds, @DefaultValue("60s") Duration reconcileInterval,
        @DefaultValue("") String publicBaseUrl, @DefaultValue("24h") Duration idempotencyRetention) {
}
