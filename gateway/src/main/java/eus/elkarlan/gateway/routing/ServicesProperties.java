package eus.elkarlan.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the four services answer (base URLs, no path). */
@ConfigurationProperties("elkarlan.services")
public record ServicesProperties(URI company, URI matching, URI event, URI notification) {
}
