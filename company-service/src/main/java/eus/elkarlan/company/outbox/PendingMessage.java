package eus.elkarlan.company.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.MessageJson;
import eus.elkarlan.contracts.MessageType;
import eus.elkarlan.observability.TraceParent;

/**
 * A message waiting in an aggregate's document until the relay has sent it. It keeps the
 * envelope's id, so a resend after a crash carries the same {@code ce_id}.
 *
 * @param type {@code ce_type}, or {@code null} for a tombstone (a null value for the key)
 * @param body the JSON body, {@code null} for a tombstone
 * @param traceparent the W3C trace context of the request that recorded it, so that the relay sends
 *        it in the same trace; {@code null} when there was none
 */
public record PendingMessage(String id, String type, String topic, String key, String source, Instant time, String body,
        String traceparent) {

    public static PendingMessage of(Envelope envelope) {
        return new PendingMessage(envelope.id(), envelope.type().ceType(), envelope.topic(), envelope.subject(),
                envelope.source(), envelope.time(), new String(MessageJson.write(envelope.data()), StandardCharsets.UTF_8),
                TraceParent.current());
    }

    public static PendingMessage tombstone(String id, String topic, String key, Instant time) {
        return new PendingMessage(id, null, topic, key, null, time, null, TraceParent.current());
    }

    public boolean isTombstone() {
        return type == null;
    }

    /** The envelope to send again, identical to the one recorded. */
    public Envelope envelope() {
        MessageType messageType = MessageType.ofCeType(type);
        return new Envelope(id, source, time, MessageJson.read(messageType, body.getBytes(StandardCharsets.UTF_8)));
    }
}
