package eus.elkarlan.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} that remembers the tokens its delegate accepted, so that a caller's
 * next requests with the same token skip the parsing, the RSA signature check and the claim
 * validation (the largest CPU cost of a proxied request measured at the gateway: see README, "CPU
 * per request").
 * <p>
 * Only the exact token text that the delegate accepted is a hit, so a forged, altered, expired or
 * foreign token always goes through the delegate and is refused as before. A remembered token is
 * answered only before its {@code exp} and within {@code maxAge} of its check; after that the
 * delegate decides again (its clock skew included). Tokens without {@code exp} are not remembered.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(ReactiveJwtDecoder delegate, int maxEntries, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    private record Verified(Jwt jwt, Instant until) {
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified hit = verified.get(token);
        if (hit != null) {
            if (now.isBefore(hit.until())) {
                return Mono.just(hit.jwt());
            }
            verified.remove(token, hit);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        Instant expiry = jwt.getExpiresAt();
        if (expiry == null) {
            return;
        }
        Instant now = clock.instant();
        Instant until = now.plus(maxAge).isBefore(expiry) ? now.plus(maxAge) : expiry;
        if (!now.isBefore(until)) {
            return; // accepted within the delegate's clock skew: let it decide each time
        }
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(v -> !now.isBefore(v.until()));
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, until));
    }

    /** Tokens remembered now (for tests and metrics). */
    public int size() {
        return verified.size();
    }
}
