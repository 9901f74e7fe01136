package eus.elkarlan.event.outbox;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.MessageJson;
import eus.elkarlan.contracts.MessageType;
import eus.elkarlan.observability.TraceParent;

/**
 * A message waiting in its aggregate's document until the relay has sent it: stored in the same
 * write as the state change, so nothing is lost between MongoDB and Kafka. The CloudEvents id is
 * kept, so a resend after a crash is recognised as a duplicate downstream. {@code traceparent} is the
 * W3C trace context the entry was recorded in (null when none), so that the relay sends it in that trace.
 */
public record OutboxEntry(String messageId, String type, String source, java.time.Instant time, String json,
        String traceparent) {

    public static OutboxEntry of(Envelope envelope) {
        return new OutboxEntry(envelope.id(), envelope.type().ceType(), envelope.source(), envelope.time(),
                new String(MessageJson.write(envelope.data()), java.nio.charset.StandardCharsets.UTF_8),
                TraceParent.current());
    }

    public Envelope toEnvelope() {
        MessageType messageType = MessageType.ofCeType(type);
        return new Envelope(messageId, source, time,
                MessageJson.read(messageType, json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
