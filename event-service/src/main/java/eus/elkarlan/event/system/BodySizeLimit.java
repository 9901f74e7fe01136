package eus.elkarlan.event.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import eus.elkarlan.security.keycloak.BodySizeLimitFilter;

/** The shared 413 filter, with this service's limit, first in the chain. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends BodySizeLimitFilter {

    BodySizeLimit(@Value("${elkarlan.events.max-body-bytes:1048576}") long maxBodyBytes) {
        super(maxBodyBytes);
    }
}
