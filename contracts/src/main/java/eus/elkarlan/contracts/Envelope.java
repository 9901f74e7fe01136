package eus.elkarlan.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A message with its CloudEvents attributes. The {@code id} is fixed when the message is first
 * recorded (in an outbox, say), so a resent message keeps it and consumers can skip duplicates.
 *
 * @param id      {@code ce_id}, unique per message
 * @param source  {@code ce_source}, the producing service, e.g. {@code /company-service}
 * @param time    {@code ce_time}
 * @param data    the body; its class gives {@code ce_type} and its aggregate id {@code ce_subject}
 */
public record Envelope(String id, String source, Instant time, ElkarlanMessage data) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new envelope with a random id, stamped now. */
    public static Envelope of(String source, ElkarlanMessage data) {
        return new Envelope(UUID.randomUUID().toString(), source, Instant.now().truncatedTo(ChronoUnit.MILLIS), data);
    }

    public MessageType type() {
        return data.messageType();
    }

    /** {@code ce_subject} and the record key. */
    public String subject() {
        return data.aggregateId();
    }

    /** The topic this message belongs on. */
    public String topic() {
        return type().topic();
    }
}
