package eus.elkarlan.gateway.openapi;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merged API document.
 *
 * @param timeout     how long to wait for one service's document (a slow or missing one is skipped)
 * @param docsPath    where each service publishes its document
 * @param title       the merged document's title
 * @param version     its version
 */
@ConfigurationProperties("elkarlan.gateway.openapi")
public record OpenApiProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("/v3/api-docs") String docsPath,
        @DefaultValue("Elkarlan API") String title, @DefaultValue("v1") String version) {
}
