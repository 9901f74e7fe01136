package eus.elkarlan.matching.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a failing record of {@code elkarlan.companies} is retried ({@code elkarlan.matching.consumer.*}).
 *
 * @param retryInterval pause between two attempts (default 500 ms)
 * @param retries       attempts after the first one, then the dead-letter topic (default 3)
 */
@Validated
@ConfigurationProperties("elkarlan.matching.consumer")
record ConsumerProperties(@NotNull Duration retryInterval, @Min(0) long retries) {
}
