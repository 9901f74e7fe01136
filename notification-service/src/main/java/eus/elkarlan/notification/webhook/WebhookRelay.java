package eus.elkarlan.notification.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.metrics.NotificationMetrics;
import eus.elkarlan.notification.notify.Notifier;
import eus.elkarlan.notification.template.NotificationKind;

/**
 * Sends the stored deliveries. A failed pass waits with exponential backoff; after the
 * configured passes the delivery is FAILED (kept, replayable). An endpoint that fails the
 * configured number of passes in a row is paused and its owner told in the feed.
 */
@Component
class WebhookRelay {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);
    private static final int KEPT_ATTEMPTS = 20;

    private final Webhooks webhooks;
    private final WebhookCaller caller;
    private final Notifier notifier;
    private final NotificationProperties.Webhooks config;
    private final Clock clock;
    private final NotificationMetrics metrics;

    WebhookRelay(Webhooks webhooks, WebhookCaller caller, Notifier notifier, NotificationProperties properties,
            Clock clock, NotificationMetrics metrics) {
        this.metrics = metrics;
        this.webhooks = webhooks;
        this.caller = caller;
        this.notifier = notifier;
        this.config = properties.webhooks();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${elkarlan.notification.webhooks.relay-interval-ms}",
            fixedDelayString = "${elkarlan.notification.webhooks.relay-interval-ms}")
    void relay() {
        List<String> active = webhooks.activeSubscriptionIds();
        for (int i = 0; i < config.batchSize(); i++) {
            Instant now = clock.instant();
            // the lease covers a whole pass: every retry waiting and timing out
            Duration pass = config.timeout().plus(config.retryInitialInterval()).multipliedBy(config.retryAttempts() * 2L);
            Optional<Delivery> claimed = webhooks.claimDue(active, now, now.plus(pass));
            if (claimed.isEmpty()) {
                return;
            }
            deliver(claimed.get());
        }
    }

    private void deliver(Delivery delivery) {
        Optional<Subscription> found = webhooks.subscription(delivery.subscriptionId());
        if (found.isEmpty()) {
            return;
        }
        Subscription subscription = found.get();
        WebhookCaller.Result result = caller.deliver(subscription, delivery);
        Instant now = clock.instant();
        List<Delivery.Attempt> history = new ArrayList<>(delivery.log() == null ? List.of() : delivery.log());
        history.addAll(result.attempts());
        if (history.size() > KEPT_ATTEMPTS) {
            history = new ArrayList<>(history.subList(history.size() - KEPT_ATTEMPTS, history.size()));
        }
        Update update = new Update().set("log", history);
        if (result.delivered()) {
            metrics.webhookDelivered();
        }
        else {
            metrics.webhookNotDelivered(result.circuitOpen());
        }
        if (result.delivered()) {
            webhooks.recordOutcome(delivery.id(), update.set("status", Delivery.Status.DELIVERED).set("deliveredAt", now)
                    .inc("attempts", 1));
            webhooks.succeeded(subscription.id());
            return;
        }
        if (result.circuitOpen()) {
            // not the endpoint's answer: try again once the breaker lets calls through
            webhooks.recordOutcome(delivery.id(), update.set("nextAttemptAt", now.plus(config.circuit().waitInOpen())));
            return;
        }
        int attempts = delivery.attempts() + 1;
        boolean giveUp = attempts >= config.maxDeliveryAttempts();
        update.set("attempts", attempts).set("nextAttemptAt", now.plus(backoff(attempts)));
        if (giveUp) {
            update.set("status", Delivery.Status.FAILED);
        }
        webhooks.recordOutcome(delivery.id(), update);
        if (giveUp) {
            metrics.webhookGivenUp();
        }
        Subscription after = webhooks.failed(subscription.id());
        if (after != null && after.consecutiveFailures() >= config.pauseAfterFailures()
                && webhooks.pause(subscription.id(), now)) {
            log.warn("webhook {} paused after {} failed passes", subscription.id(), after.consecutiveFailures());
            notifier.notifySubject("webhook-paused|" + subscription.id() + "|" + now, subscription.ownerSubject(),
                    NotificationKind.WEBHOOK_PAUSED, Map.of("url", subscription.url(),
                            "failures", String.valueOf(after.consecutiveFailures()), "subscriptionId", subscription.id()));
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = config.redeliveryInitialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(config.redeliveryMaxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.redeliveryMaxBackoff()) > 0 ? config.redeliveryMaxBackoff() : wait;
    }
}
