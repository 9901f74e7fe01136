package eus.elkarlan.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.system.InvalidRequestException;
import eus.elkarlan.notification.system.InvalidRequestException.FieldError;
import eus.elkarlan.notification.system.NotFoundException;
import eus.elkarlan.notification.system.PagedList;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Signed webhook subscriptions of partners (role {@code partner}). A subscription belongs to the
 * client that created it: anybody else gets 404.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('partner')")
class WebhookController {

    private static final int MAX_TYPES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Webhooks webhooks;
    private final WebhookCaller webhookCaller;
    private final NotificationProperties.Webhooks config;
    private final Clock clock;

    WebhookController(Webhooks webhooks, WebhookCaller webhookCaller, NotificationProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.webhookCaller = webhookCaller;
        this.config = properties.webhooks();
        this.clock = clock;
    }

    /**
     * Subscribes an endpoint to message types. The answer holds the signing secret, the only time
     * it is shown. With an {@code Idempotency-Key}, repeating the request returns the same subscription.
     */
    @PostMapping
    ResponseEntity<CreatedSubscription> create(Authentication caller, @Valid @RequestBody CreateSubscription body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        checkUrl(body.url(), errors);
        Set<String> types = new LinkedHashSet<>(body.types());
        int i = 0;
        for (String type : body.types()) {
            if (!PartnerPayloads.PARTNER_TYPES.contains(type)) {
                errors.add(new FieldError("types[" + i + "]", "is not a type partners may receive; allowed: "
                        + PartnerPayloads.PARTNER_TYPES.stream().sorted().toList()));
            }
            i++;
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            errors.add(new FieldError("Idempotency-Key", "must have 1 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String id = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((caller.getName() + "|" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                        .toString();
        Subscription existing = webhooks.subscription(id).orElse(null);
        if (existing != null) {
            if (!existing.ownerSubject().equals(caller.getName())) {
                throw new NotFoundException("subscription");
            }
            return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/webhooks/" + id)
                    .body(CreatedSubscription.of(existing, circuit(existing)));
        }
        Subscription created = webhooks.save(new Subscription(id, caller.getName(), body.url(), body.description(),
                types, newSecret(), Subscription.Status.ACTIVE, 0, clock.instant(), null));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/webhooks/" + id)
                .body(CreatedSubscription.of(created, circuit(created)));
    }

    @GetMapping
    PagedList<SubscriptionView> list(Authentication caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        int p = PagedList.clampPage(page);
        int s = PagedList.clampSize(size);
        return PagedList.of(webhooks.subscriptionsOf(caller.getName(), p, s).stream().map(this::view).toList(), p, s,
                webhooks.countSubscriptionsOf(caller.getName()));
    }

    @GetMapping("/{id}")
    SubscriptionView get(Authentication caller, @PathVariable String id) {
        return view(mine(caller, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Authentication caller, @PathVariable String id) {
        webhooks.delete(mine(caller, id).id());
        return ResponseEntity.noContent().build();
    }

    /** Resumes a paused subscription: its waiting deliveries go out again. */
    @PostMapping("/{id}/resume")
    SubscriptionView resume(Authentication caller, @PathVariable String id) {
        Subscription subscription = mine(caller, id);
        webhooks.resume(subscription.id(), clock.instant());
        return view(webhooks.subscription(id).orElseThrow(() -> new NotFoundException("subscription")));
    }

    /** The delivery log, newest first; {@code status} filters (e.g. FAILED). */
    @GetMapping("/{id}/deliveries")
    PagedList<DeliveryView> deliveries(Authentication caller, @PathVariable String id,
            @RequestParam(required = false) Delivery.Status status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Subscription subscription = mine(caller, id);
        int p = PagedList.clampPage(page);
        int s = PagedList.clampSize(size);
        return PagedList.of(webhooks.deliveries(subscription.id(), status, p, s).stream().map(DeliveryView::of).toList(),
                p, s, webhooks.countDeliveries(subscription.id(), status));
    }

    /** Sends a delivery again (a failed one, or one the partner lost). */
    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    ResponseEntity<DeliveryView> replay(Authentication caller, @PathVariable String id,
            @PathVariable String deliveryId) {
        Subscription subscription = mine(caller, id);
        Delivery delivery = webhooks.delivery(subscription.id(), deliveryId)
                .orElseThrow(() -> new NotFoundException("delivery"));
        return ResponseEntity.accepted().body(DeliveryView.of(webhooks.replay(delivery.id(), clock.instant())));
    }

    private Subscription mine(Authentication caller, String id) {
        return webhooks.subscriptionOf(id, caller.getName()).orElseThrow(() -> new NotFoundException("subscription"));
    }

    private String circuit(Subscription subscription) {
        return webhookCaller.circuitState(subscription.url()).name();
    }

    private SubscriptionView view(Subscription s) {
        return SubscriptionView.of(s, circuit(s));
    }

    private void checkUrl(String url, List<FieldError> errors) {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            errors.add(new FieldError("url", "is not a URL"));
            return;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || uri.getUserInfo() != null) {
            errors.add(new FieldError("url", "must be an absolute http(s) URL without credentials"));
            return;
        }
        if (config.allowPrivateAddresses()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    errors.add(new FieldError("url", "must not point at a private or local address"));
                    return;
                }
            }
        }
        catch (UnknownHostException ex) {
            errors.add(new FieldError("url", "names an unknown host"));
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new subscription: {@code url}, the {@code ce_type}s to receive, an optional description. */
    record CreateSubscription(@NotBlank @Size(max = 2048) String url,
            @NotEmpty @Size(max = MAX_TYPES) List<@NotBlank String> types, @Size(max = 200) String description) {
    }

    /** A subscription as its owner sees it (never the secret). */
    record SubscriptionView(String id, String url, String description, Set<String> types, String status,
            int consecutiveFailures, String circuit, Instant createdAt, Instant pausedAt) {
        static SubscriptionView of(Subscription s, String circuit) {
            return new SubscriptionView(s.id(), s.url(), s.description(), s.types(), s.status().name(),
                    s.consecutiveFailures(), circuit, s.createdAt(), s.pausedAt());
        }
    }

    /** The creation answer: the view plus the signing secret. */
    record CreatedSubscription(String id, String url, String description, Set<String> types, String status,
            String circuit, Instant createdAt, String secret) {
        static CreatedSubscription of(Subscription s, String circuit) {
            return new CreatedSubscription(s.id(), s.url(), s.description(), s.types(), s.status().name(), circuit,
                    s.createdAt(), s.secret());
        }
    }

    /** A delivery in the log. */
    record DeliveryView(String id, String messageId, String type, String status, int attempts, Instant createdAt,
            Instant nextAttemptAt, Instant deliveredAt, List<Delivery.Attempt> log) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.messageId(), d.type(), d.status().name(), d.attempts(), d.createdAt(),
                    d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : null, d.deliveredAt(),
                    d.log() == null ? List.of() : d.log());
        }
    }
}
