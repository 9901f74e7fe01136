package eus.elkarlan.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Serves the web UI ({@code classpath:/static/}) ahead of Spring's resource handling.
 * <p>
 * Why: a page module (seen with {@code /js/pages/company.js} and {@code /js/pages/public.js}) sometimes never
 * arrived after a sign-in on a loaded machine. The gateway had received the request, the response was never
 * finished (it is missing from the access log), and its write failed only when the browser left the page
 * ({@code AbortedException: ClosedChannelException}, logged as a 500). The default handler streams a file from
 * the jar in 4 KB buffers and the browser waited for the rest; every navigation re-downloaded every module,
 * since Spring Security marked them {@code no-store}. Here each file is one in-memory buffer, written with its
 * headers in a single flushed message, and validated with an ETag ({@code Cache-Control: no-cache}): a page load
 * after the first one gets {@code 304} answers without a body.
 */
@Configuration(proxyBeanMethods = false)
class StaticFilesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StaticFilesConfiguration.class);

    @Bean
    StaticFiles staticFiles() {
        StaticFiles files = new StaticFiles("classpath:/static/");
        log.info("Web UI: {} files served from memory", files.size());
        return files;
    }

    @Bean
    @Order(-10)
    RouterFunction<ServerResponse> webUi(StaticFiles files) {
        RequestPredicate known = request -> files.find(request.path()).isPresent();
        RequestPredicate read = RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD));
        return RouterFunctions.route(read.and(known), request -> {
            StaticFiles.StaticFile file = files.find(request.path()).orElseThrow();
            return request.checkNotModified(file.etag())
                    .switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
                            .contentType(file.mediaType())
                            .eTag(file.etag())
                            .cacheControl(CacheControl.noCache())
                            .bodyValue(file.body())));
        });
    }
}
