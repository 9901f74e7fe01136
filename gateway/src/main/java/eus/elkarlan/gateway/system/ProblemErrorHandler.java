package eus.elkarlan.gateway.system;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;

import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises becomes problem details: a wrong path 404, an unknown
 * method 405, an unreachable service 503, a slow one 504 — never a stack trace, and never a
 * 500 for a service that is down.
 */
@Component
@Order(-2) // before Boot's default handler (-1)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            // the browser left (page closed or navigated): nobody to answer, and no server error
            log.debug("{} {}: the client went away ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    error.toString());
            return Mono.error(error);
        }
        if (exchange.getResponse().isCommitted()) {
            // too late for problem details: let the server end the connection, so that the browser sees a cut
            // answer instead of waiting on a keep-alive connection for bytes that will never come
            log.warn("{} {} failed after the response started: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Mono.error(error);
        }
        HttpStatus status;
        String detail;
        if (error instanceof ResponseStatusException rse) {
            status = HttpStatus.resolve(rse.getStatusCode().value());
            status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
            detail = rse.getReason() != null && status.is4xxClientError() ? rse.getReason() : defaultDetail(status);
            if (rse.getStatusCode().isSameCodeAs(HttpStatusCode.valueOf(504))) {
                detail = "The service did not answer in time.";
            }
        }
        else if (unreachable(error)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The service is unavailable; try again later.";
        }
        else if (hasCause(error, TimeoutException.class)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = "The service did not answer in time.";
        }
        else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = defaultDetail(status);
        }
        if (status.is5xxServerError()) {
            log.warn("{} {} -> {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), status.value(),
                    error.toString());
        }
        return Problems.write(exchange, status, detail);
    }

    private static String defaultDetail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such resource.";
            case SERVICE_UNAVAILABLE -> "The service is unavailable; try again later.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong at the gateway.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    private static boolean unreachable(Throwable error) {
        return hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)
                || error.getClass().getName().endsWith("PrematureCloseException");
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
