package eus.elkarlan.company.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollIntervalMs pause between two relay rounds
 * @param batchSize      documents read per round
 * @param sendTimeout    how long the relay waits for the broker's acknowledgement
 * @param lease          how long one instance holds a document it relays (longer than a send)
 */
@ConfigurationProperties("elkarlan.company.outbox")
public record OutboxProperties(@DefaultValue("200") long pollIntervalMs, @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration sendTimeout, @DefaultValue("60s") Duration lease) {
}
