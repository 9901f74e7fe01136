package eus.elkarlan.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** The outbox's trace hand-over on the real Boot wiring: Micrometer Tracing over the OpenTelemetry SDK. */
class OutboxTracingTests {

    @SpringBootApplication
    static class App {
    }

    static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("management.tracing.sampling.probability=1.0").run();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theRelayContinuesTheTraceOfTheRequestThatWroteTheEntry() throws Exception {
        ObservationRegistry registry = context.getBean(ObservationRegistry.class);
        String[] written = new String[1];
        Observation.createNotStarted("http.server.requests", registry)
                .observe(() -> written[0] = TraceParent.current());
        assertThat(written[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceParent.current()).as("the relay's thread, outside the request").isNull();

        String relayed = context.getBean(OutboxTracing.class).relay(written[0], "elkarlan.companies",
                TraceParent::current);

        assertThat(relayed).isNotNull();
        assertThat(traceId(relayed)).isEqualTo(traceId(written[0]));
        assertThat(spanId(relayed)).as("a span of its own, child of the request's").isNotEqualTo(spanId(written[0]));
    }

    @Test
    void theRelayIsNotTheChildOfTheObservationItsThreadRunsIn() throws Exception {
        ObservationRegistry registry = context.getBean(ObservationRegistry.class);
        String[] written = new String[1];
        Observation.createNotStarted("http.server.requests", registry)
                .observe(() -> written[0] = TraceParent.current());
        String[] relayed = new String[1];
        Observation.createNotStarted("tasks.scheduled.execution", registry).observeChecked(() -> {
            relayed[0] = context.getBean(OutboxTracing.class).relay(written[0], "elkarlan.companies", TraceParent::current);
        });
        assertThat(traceId(relayed[0])).isEqualTo(traceId(written[0]));
    }

    @Test
    void anEntryWithoutTraceparentOrWithAMalformedOneIsStillSent() throws Exception {
        OutboxTracing tracing = context.getBean(OutboxTracing.class);
        assertThat(tracing.relay(null, "elkarlan.companies", () -> "sent")).isEqualTo("sent");
        assertThat(tracing.relay("00-not-a-trace", "elkarlan.companies", () -> "sent")).isEqualTo("sent");
    }

    @Test
    void withoutAnEndpointNoSpanIsExportedAndNothingFails() {
        assertThat(context.getBeansOfType(SpanExporter.class).values())
                .noneMatch(exporter -> exporter.getClass().getName().contains("Otlp"));
        try (ConfigurableApplicationContext withEndpoint = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces")
                .run()) {
            assertThat(withEndpoint.getBeansOfType(SpanExporter.class).values())
                    .anyMatch(exporter -> exporter.getClass().getName().contains("Otlp"));
        }
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String spanId(String traceparent) {
        return traceparent.split("-")[2];
    }
}
