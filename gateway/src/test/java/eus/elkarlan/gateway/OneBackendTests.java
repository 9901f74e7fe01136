package eus.elkarlan.gateway;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import eus.elkarlan.testsupport.PlatformTest;

/**
 * A gateway whose four routes lead to one WireMock backend ({@link GatewayHttp#service}); the test
 * classes that extend it share one Spring context, so the backend lives as long as the test JVM.
 */
@PlatformTest
abstract class OneBackendTests {

    static final WireMockServer SERVICE = GatewayHttp.service("company");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("elkarlan.services.company", SERVICE::baseUrl);
        registry.add("elkarlan.services.matching", SERVICE::baseUrl);
        registry.add("elkarlan.services.event", SERVICE::baseUrl);
        registry.add("elkarlan.services.notification", SERVICE::baseUrl);
    }
}
