package eus.elkarlan.gateway.ratelimit;

/**
 * A token bucket: {@code capacity} tokens, refilled at a steady rate so that a full bucket
 * takes {@code periodNanos} to refill. Thread-safe; time is passed in, so it is testable.
 */
final class TokenBucket {

    private final long capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(long capacity, long periodNanos, long now) {
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / periodNanos;
        this.tokens = capacity;
        this.lastRefill = now;
    }

    /** Takes one token: returns 0 when granted, else the nanoseconds until one is available. */
    synchronized long tryConsume(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    synchronized long remaining(long now) {
        refill(now);
        return (long) Math.floor(tokens);
    }

    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    long capacity() {
        return capacity;
    }

    private void refill(long now) {
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
            lastRefill = now;
        }
    }
}
