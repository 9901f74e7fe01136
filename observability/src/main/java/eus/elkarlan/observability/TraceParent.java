package eus.elkarlan.observability;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C {@code traceparent} of the work in progress, as a string an outbox entry can store, and
 * back. An outbox entry is written in the request's thread but sent later by a scheduled relay: the
 * string is the only thing that crosses that gap.
 */
public final class TraceParent {

    /** The W3C Trace Context header (and Kafka record header) name. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /**
     * The {@code traceparent} of the span current on this thread, or {@code null} when there is none
     * (tracing off, or a thread outside any request or message).
     */
    public static String current() {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * A context whose current span is the remote parent that {@code traceparent} names, or
     * {@code null} when the value is absent or malformed.
     */
    static Context parentContext(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return null;
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent),
                GETTER);
        return Span.fromContext(extracted).getSpanContext().isValid() ? extracted : null;
    }
}
