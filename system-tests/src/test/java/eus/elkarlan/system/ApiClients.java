package eus.elkarlan.system;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

import eus.elkarlan.client.ApiClient;

/** The generated client, pointed at the local stack's gateway and signed in with a token. */
final class ApiClients {

    private static final HttpClient.Builder HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));

    private ApiClients() {
    }

    static ApiClient signedIn(String token) {
        return signedIn(() -> token);
    }

    /** Every call asks {@code tokens} for the bearer token (see {@link LocalStack#signedIn}). */
    static ApiClient signedIn(Supplier<String> tokens) {
        ApiClient client = new ApiClient();
        client.setHttpClientBuilder(HTTP);
        client.updateBaseUri(LocalStack.GATEWAY);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.get()));
        return client;
    }
}
