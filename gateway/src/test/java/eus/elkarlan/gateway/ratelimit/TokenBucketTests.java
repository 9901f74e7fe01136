package eus.elkarlan.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketTests {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void aFullBucketAllowsABurstOfItsCapacityThenTellsHowLongToWait() {
        TokenBucket bucket = new TokenBucket(60, MINUTE, 0);
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.tryConsume(0)).isZero();
        }
        long wait = bucket.tryConsume(0);
        assertThat(wait).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(bucket.remaining(0)).isZero();
    }

    @Test
    void tokensComeBackSteadilyUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(60, MINUTE, 0);
        for (int i = 0; i < 60; i++) {
            bucket.tryConsume(0);
        }
        long twoSeconds = Duration.ofSeconds(2).toNanos();
        assertThat(bucket.remaining(twoSeconds)).isEqualTo(2);
        assertThat(bucket.tryConsume(twoSeconds)).isZero();
        assertThat(bucket.tryConsume(twoSeconds)).isZero();
        assertThat(bucket.tryConsume(twoSeconds)).isPositive();
        assertThat(bucket.isFull(twoSeconds + MINUTE)).isTrue();
        assertThat(bucket.remaining(twoSeconds + 10 * MINUTE)).isEqualTo(60);
    }
}
