package eus.elkarlan.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import eus.elkarlan.testsupport.TestTokens;
import reactor.core.publisher.Mono;

/**
 * The cache of verified tokens around a real decoder (signature checked against the test realm's
 * key set): a token is checked once, a refused token is refused every time, and a remembered one
 * is checked again after its expiry or the cache's maximum age.
 */
class VerifiedTokenCacheTests {

    static final TestTokens TOKENS = TestTokens.get();

    final AtomicInteger checks = new AtomicInteger();
    final ReactiveJwtDecoder realm = NimbusReactiveJwtDecoder.withJwkSetUri(TOKENS.jwkSetUri()).build();
    final ReactiveJwtDecoder counted = token -> Mono.defer(() -> {
        checks.incrementAndGet();
        return realm.decode(token);
    });
    final MovableClock clock = new MovableClock(Instant.now());

    @Test
    void aValidTokenIsCheckedOnceAndThenAnsweredFromMemory() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, 100, Duration.ofMinutes(5), clock);
        String subject = UUID.randomUUID().toString();
        String token = TOKENS.token(subject, "company");
        for (int i = 0; i < 3; i++) {
            Jwt jwt = cache.decode(token).block();
            assertThat(jwt.getSubject()).isEqualTo(subject);
            assertThat(jwt.getClaimAsMap("realm_access")).containsKey("roles");
        }
        assertThat(checks).hasValue(1);
    }

    @Test
    void forgedExpiredAndGarbageTokensAreRefusedEveryTimeAndNeverRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, 100, Duration.ofMinutes(5), clock);
        String valid = TOKENS.token("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01", "company");
        cache.decode(valid).block();
        String forged = TOKENS.forgedToken("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01", "company");
        String expired = TOKENS.expiredToken("5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01", "company");
        // the remembered token with one character of its signature changed
        String altered = valid.substring(0, valid.length() - 2) + (valid.charAt(valid.length() - 2) == 'A' ? 'B' : 'A')
                + valid.charAt(valid.length() - 1);
        for (String bad : new String[] { forged, expired, altered, "garbage" }) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> cache.decode(bad).block()).isInstanceOf(JwtException.class);
            }
        }
        assertThat(checks).hasValue(1 + 4 * 2);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenIsCheckedAgainAfterTheMaximumAgeAndAfterItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, 100, Duration.ofMinutes(2), clock);
        String token = TOKENS.token(UUID.randomUUID().toString(), "company"); // expires in 5 minutes
        cache.decode(token).block();
        clock.move(Duration.ofSeconds(119));
        cache.decode(token).block();
        assertThat(checks).hasValue(1);
        clock.move(Duration.ofSeconds(2)); // past the maximum age: checked again, remembered again
        cache.decode(token).block();
        assertThat(checks).hasValue(2);

        VerifiedTokenCache longLived = new VerifiedTokenCache(counted, 100, Duration.ofHours(1), clock);
        longLived.decode(token).block();
        assertThat(checks).hasValue(3);
        clock.move(Duration.ofMinutes(6)); // past the token's exp: the realm's decoder decides again
        longLived.decode(token).block();
        assertThat(checks).hasValue(4);
    }

    @Test
    void theCacheHoldsAtMostItsMaximumNumberOfTokens() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, 3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 10; i++) {
            cache.decode(TOKENS.token(UUID.randomUUID().toString(), "company")).block();
            assertThat(cache.size()).isBetween(1, 3);
        }
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
