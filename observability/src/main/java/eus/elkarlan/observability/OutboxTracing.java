package eus.elkarlan.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Continues, in an outbox relay, the trace of the request that wrote the outbox entry. The relay
 * opens an {@code elkarlan.outbox.relay} observation whose span is a child of the stored
 * {@code traceparent}; the {@code KafkaTemplate}'s own observation (enabled with
 * {@code spring.kafka.template.observation-enabled}) then becomes its child and writes that trace's
 * {@code traceparent} into the record headers, where the consumers' listener observations pick it up.
 */
public class OutboxTracing {

    /** The observation's name; its timer shows as {@code elkarlan_outbox_relay_seconds}. */
    public static final String OBSERVATION = "elkarlan.outbox.relay";

    private final ObservationRegistry registry;

    public OutboxTracing(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs {@code send} as part of the trace {@code traceparent} names; without one (an entry written
     * before tracing, or outside a traced request) {@code send} runs in a trace of its own.
     */
    public <T> T relay(String traceparent, String topic, Observation.CheckedCallable<T, Exception> send) throws Exception {
        Context parent = TraceParent.parentContext(traceparent);
        if (parent == null) {
            return send.call();
        }
        try (Scope remote = parent.makeCurrent()) {
            // not the child of whatever observation the relay's own thread runs in (a scheduled task's)
            return Observation.createNotStarted(OBSERVATION, registry).parentObservation(null)
                    .contextualName("outbox relay " + topic).lowCardinalityKeyValue("topic", topic)
                    .observeChecked(send);
        }
    }
}
