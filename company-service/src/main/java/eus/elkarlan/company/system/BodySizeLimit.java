package eus.elkarlan.company.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import eus.elkarlan.security.keycloak.BodySizeLimitFilter;

/** The shared 413 filter, with this service's limit, first in the chain. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends BodySizeLimitFilter {

    BodySizeLimit(PagingProperties properties) {
        super(properties.maxBodyBytes());
    }
}
