package eus.elkarlan.gateway.system;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * A URL Spring Security's firewall refuses ({@code ..}, {@code ;}, encoded slashes, dots or
 * percent signs, non-printable characters: traversal out of a route) gets 400 problem details,
 * like every other refusal of the API, instead of an empty 400. Found by the fuzz pass through the
 * gateway ({@code GatewayFuzzTests}).
 */
@Component
class RejectedRequestProblems implements ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        // the firewall's message quotes the offending URL: not repeated
        return Problems.write(exchange, HttpStatus.BAD_REQUEST, "The request's URL is not acceptable.");
    }
}
