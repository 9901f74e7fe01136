package eus.elkarlan.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** Plain HTTP calls to the gateway under test (redirects are not followed: a test sees them). */
final class GatewayHttp {

    static final HttpClient CLIENT = client();

    /** HTTP/1.1 only (no h2c upgrade attempt), redirects visible. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private GatewayHttp() {
    }

    static HttpResponse<String> call(int port, String method, String path, String token, Map<String, String> headers) {
        return call(port, method, path, token, headers, method.equals("POST") || method.equals("PUT")
                ? BodyPublishers.ofString("{\"name\":\"Baiona\"}") : BodyPublishers.noBody());
    }

    static HttpResponse<String> call(int port, String method, String path, String token, Map<String, String> headers,
            BodyPublisher body) {
        return call(CLIENT, port, method, path, token, headers, body);
    }

    static HttpResponse<String> call(HttpClient client, int port, String method, String path, String token,
            Map<String, String> headers, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST") || method.equals("PUT")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(method + " " + path, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static HttpResponse<String> get(int port, String path, String token) {
        return call(port, "GET", path, token, Map.of());
    }

    /**
     * A stand-in for one downstream service: answers every API path with 200 and says which
     * service it is and whether a bearer token was relayed; a cookie reaching it is an error.
     */
    static WireMockServer service(String name) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/api/.*")).atPriority(1)
                .withHeader("Cookie", WireMock.matching(".*"))
                .willReturn(WireMock.aResponse().withStatus(500).withBody("a cookie leaked to " + name)));
        server.stubFor(WireMock.request("HEAD", WireMock.urlPathMatching("/api/.*")).atPriority(0)
                .willReturn(WireMock.aResponse().withStatus(200).withHeader("X-Service", name)));
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/api/.*")).atPriority(2)
                .withHeader("Authorization", WireMock.matching("Bearer .+"))
                .willReturn(WireMock.okJson("{\"service\":\"" + name + "\"}").withHeader("X-Service", name)
                        .withHeader("X-Token", "relayed")));
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/api/.*")).atPriority(5)
                .willReturn(WireMock.okJson("{\"service\":\"" + name + "\"}").withHeader("X-Service", name)
                        .withHeader("X-Token", "none")));
        return server;
    }

    /** One HTTP/1.1 answer read off a raw connection, head and body (by Content-Length or chunked), as text. */
    static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder(readLine(in)).append('\n');
        long length = 0;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            answer.append(line).append('\n');
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            }
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            return answer.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8)).toString();
        }
        for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer.parseInt(readLine(in).trim(), 16)) {
            answer.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            readLine(in);
        }
        readLine(in);
        return answer.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the gateway closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
