package eus.elkarlan.gateway.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The floor for {@link GatewayCpuBenchmark}: a bare Reactor Netty reverse proxy (no security, no
 * routing table, no filters) relaying every request, body and headers, to one backend over a pooled
 * keep-alive client. Arguments: its port and the backend's base URL. Not used by the gateway.
 */
public final class BareProxy {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HttpClient client = HttpClient.create().baseUrl(args[1]);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> client
                        .headers(h -> h.add(request.requestHeaders()).remove(HttpHeaderNames.HOST))
                        .request(request.method()).uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> response.status(answer.status())
                                .headers(answer.responseHeaders())
                                .send(body.retain())
                                .then()))
                .bindNow();
        System.out.println("bare proxy on " + server.port());
        server.onDispose().block();
    }
}
