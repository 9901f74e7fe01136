package eus.elkarlan.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request quotas of this gateway instance (token buckets held in memory).
 *
 * @param enabled          switch
 * @param paths            path patterns the limits apply to
 * @param anonymous        the quota of each IP address calling without a token or session
 * @param authenticated    the quota of a signed-in caller none of whose roles has its own quota
 * @param roles            quota per realm role; a caller with several roles gets the largest
 * @param maxTrackedClients buckets kept at most; beyond, full (idle) buckets are dropped
 */
@ConfigurationProperties("elkarlan.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("/api/**") List<String> paths,
        Quota anonymous, Quota authenticated,
        @DefaultValue Map<String, Quota> roles, @DefaultValue("100000") int maxTrackedClients) {

    public RateLimitProperties {
        anonymous = anonymous == null ? new Quota(120, Duration.ofMinutes(1)) : anonymous;
        authenticated = authenticated == null ? new Quota(300, Duration.ofMinutes(1)) : authenticated;
    }

    /**
     * {@code limit} requests per {@code period}, refilled continuously; a burst may use the
     * whole limit at once.
     */
    public record Quota(long limit, Duration period) {

        public Quota {
            if (limit < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a quota needs a positive limit and period");
            }
        }
    }
}
