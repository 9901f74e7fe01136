package eus.elkarlan.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import eus.elkarlan.gateway.ratelimit.RateLimitProperties.Quota;
import eus.elkarlan.gateway.system.Problems;
import reactor.core.publisher.Mono;

/**
 * Request quotas per caller: a signed-in caller (bearer token or browser session) is counted by
 * its token subject — a partner's service account, a user — with the largest quota among its
 * roles; an anonymous caller by IP address. Over the quota: 429 problem details with
 * {@code Retry-After}. Runs after authentication (so 401 comes first), before routing.
 */
@Component
@Order(-50) // after Spring Security's chain (-100)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitFilter implements WebFilter {

    private final RateLimitProperties properties;
    private final List<PathPattern> paths;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    @org.springframework.beans.factory.annotation.Autowired
    RateLimitFilter(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RateLimitFilter(RateLimitProperties properties, LongSupplier clock) {
        this.properties = properties;
        this.paths = properties.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || !limited(exchange)) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(caller(principal)))
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous(exchange)))
                .flatMap(caller -> {
                    long now = clock.getAsLong();
                    TokenBucket bucket = bucket(caller, now);
                    long waitNanos = bucket.tryConsume(now);
                    var headers = exchange.getResponse().getHeaders();
                    headers.set("X-RateLimit-Limit", Long.toString(caller.quota().limit()));
                    headers.set("X-RateLimit-Remaining", Long.toString(bucket.remaining(now)));
                    if (waitNanos == 0) {
                        return chain.filter(exchange);
                    }
                    long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests: " + caller.quota().limit() + " per " + caller.quota().period()
                                    + " for " + caller.kind() + "; retry after " + retryAfter + " s.",
                            Map.of("Retry-After", Long.toString(retryAfter)));
                });
    }

    private boolean limited(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return paths.stream().anyMatch(p -> p.matches(path));
    }

    private TokenBucket bucket(Caller caller, long now) {
        if (buckets.size() >= properties.maxTrackedClients()) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(caller.key(),
                k -> new TokenBucket(caller.quota().limit(), caller.quota().period().toNanos(), now));
    }

    private Caller caller(Principal principal) {
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return null;
        }
        String quotaName = null;
        Quota quota = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String role = authority.getAuthority().startsWith("ROLE_") ? authority.getAuthority().substring(5) : null;
            Quota roleQuota = role == null ? null : properties.roles().get(role);
            if (roleQuota != null && (quota == null || rate(roleQuota) > rate(quota))) {
                quota = roleQuota;
                quotaName = role;
            }
        }
        if (quota == null) {
            quota = properties.authenticated();
            quotaName = "authenticated";
        }
        String subject = authentication.getName();
        if (authentication instanceof JwtAuthenticationToken jwt && subject == null) {
            subject = jwt.getToken().getClaimAsString("azp");
        }
        return new Caller("client:" + quotaName + ":" + subject, quota, "role " + quotaName);
    }

    private Caller anonymous(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        return new Caller("ip:" + ip, properties.anonymous(), "anonymous callers of one IP address");
    }

    private static double rate(Quota quota) {
        return (double) quota.limit() / quota.period().toNanos();
    }

    record Caller(String key, Quota quota, String kind) {
    }
}
