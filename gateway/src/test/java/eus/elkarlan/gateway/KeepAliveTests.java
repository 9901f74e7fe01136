package eus.elkarlan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Keep-alive connections go on answering, on the HTTP server the gateway runs on (Reactor Netty,
 * the version of this module's classpath).
 * <p>
 * With Reactor Netty 1.3.6 (Spring Boot 4.0.7's), a request that arrived before the previous
 * exchange on its connection had ended was queued, answered from the queue, and then the server
 * never read from that connection again (reactor-netty issues 4347 and 4361): the next request
 * waited forever. Through the gateway this happened now and then when a client sent its next request
 * the moment an answer arrived (the web UI's stalled reads, the intermittent 20 s timeouts of
 * {@code GatewaySecurityTests}; README, "Answers that never completed"). The gateway's own
 * requests arrive that way only by chance; here the two first requests are sent together, so the
 * second always meets the first unfinished, and the fault shows every time on 1.3.6 and 1.3.7.
 */
class KeepAliveTests {

    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.uri().startsWith("/relayed")
                    // an answer completed later on another thread, like a proxied one
                    ? response.sendString(Mono.delay(Duration.ofMillis(50)).thenReturn("relayed"))
                    // an answer written at once, like a refusal or a file held in memory
                    : response.sendString(Mono.just("at-once")))
            .bindNow();

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void theNextRequestIsAnsweredAfterOneThatArrivedBeforeThePreviousExchangeEnded() throws IOException {
        for (int connection = 1; connection <= 3; connection++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                out.write(("GET /relayed HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        + "GET /at-once HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(GatewayHttp.readAnswer(in)).startsWith("HTTP/1.1 200").endsWith("relayed");
                assertThat(GatewayHttp.readAnswer(in)).startsWith("HTTP/1.1 200").endsWith("at-once");
                out.write("GET /at-once HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(5_000);
                String third;
                try {
                    third = GatewayHttp.readAnswer(in);
                }
                catch (SocketTimeoutException ex) {
                    throw new AssertionError("connection " + connection + ": the third request had no answer after 5 s", ex);
                }
                assertThat(third).startsWith("HTTP/1.1 200").endsWith("at-once");
            }
        }
    }
}
