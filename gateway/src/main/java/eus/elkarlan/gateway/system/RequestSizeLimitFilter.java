package eus.elkarlan.gateway.system;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request body over the limit (1 MiB by default) gets 413 problem details: at once from
 * {@code Content-Length} when given, else as soon as a streamed (chunked) body passes the limit.
 * Runs after authentication and the rate limit (DESIGN.md: 401 first).
 */
@Component
@Order(-40)
class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;

    RequestSizeLimitFilter(WebProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        // no Content-Length: count what streams through
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counting = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLargeDetail());
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counting).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLargeDetail());
    }

    private String tooLargeDetail() {
        return "The request body is larger than " + maxBytes + " bytes.";
    }
}
