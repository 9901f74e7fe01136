package eus.elkarlan.notification.metrics;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The notification-service's business meters (deploy/k8s/README.md, "Business metrics"). */
@Component
public class NotificationMetrics {

    private final Counter mailsSent;
    private final Counter mailsFailed;
    private final Counter deliveriesDelivered;
    private final Counter deliveriesFailed;
    private final Counter deliveriesCircuitOpen;
    private final Counter webhookFailures;

    public NotificationMetrics(MeterRegistry meters) {
        this.mailsSent = mails(meters, "sent");
        this.mailsFailed = mails(meters, "failed");
        this.deliveriesDelivered = deliveries(meters, "delivered");
        this.deliveriesFailed = deliveries(meters, "failed");
        this.deliveriesCircuitOpen = deliveries(meters, "circuit-open");
        this.webhookFailures = Counter.builder("elkarlan.webhook.failures")
                .description("Webhook deliveries given up after the retries").register(meters);
    }

    private static Counter mails(MeterRegistry meters, String outcome) {
        return Counter.builder("elkarlan.mails.sent").description("E-mails handed to the SMTP relay (failed: per attempt)")
                .tag("outcome", outcome).register(meters);
    }

    private static Counter deliveries(MeterRegistry meters, String outcome) {
        return Counter.builder("elkarlan.webhook.deliveries")
                .description("Webhook delivery passes (each with its own retries); circuit-open: not tried, breaker open")
                .tag("outcome", outcome).register(meters);
    }

    /** The SMTP server took a mail. */
    public void mailSent() {
        mailsSent.increment();
    }

    /** One attempt to hand a mail over failed (it is retried with backoff, up to a limit). */
    public void mailAttemptFailed() {
        mailsFailed.increment();
    }

    public void webhookDelivered() {
        deliveriesDelivered.increment();
    }

    public void webhookNotDelivered(boolean circuitOpen) {
        (circuitOpen ? deliveriesCircuitOpen : deliveriesFailed).increment();
    }

    /** A delivery reached its last attempt and is marked failed. */
    public void webhookGivenUp() {
        webhookFailures.increment();
    }
}
