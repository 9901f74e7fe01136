package eus.elkarlan.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache of bearer tokens whose signature the gateway has already checked.
 *
 * @param enabled    switch; off, every request's token is decoded and its signature checked again
 * @param maxEntries tokens kept at most (about 3 KB each); when full, expired ones are dropped, then all
 * @param maxAge     how long a verified token is trusted without checking its signature again (never past
 *                   its own expiry): the longest time a key removed from the realm's key set is still
 *                   honoured for tokens already seen
 */
@ConfigurationProperties("elkarlan.gateway.token-cache")
public record TokenCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5000") int maxEntries,
        @DefaultValue("5m") Duration maxAge) {
}
