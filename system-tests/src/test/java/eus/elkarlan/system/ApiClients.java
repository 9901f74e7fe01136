package eus.elkarlan.system;

import java.net.http.HttpClient;
import java.time.Duration;

import eus.elkarlan.client.ApiClient;

/** The generated client, pointed at the local stack's gateway and signed in with a token. */
final class ApiClients {

    private static final HttpClient.Builder HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));

    private ApiClients() {
    }

    static ApiClient signedIn(String token) {
        ApiClient client = new ApiClient();
        client.setHttpClientBuilder(HTTP);
        client.updateBaseUri(LocalStack.GATEWAY);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }
}
