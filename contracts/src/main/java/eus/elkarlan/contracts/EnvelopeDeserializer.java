package eus.elkarlan.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer of every consumer. A tombstone gives {@code null}; anything that
 * breaks the contract throws {@link InvalidMessageException} (wrap this deserializer in Spring's
 * {@code ErrorHandlingDeserializer} so that such a record goes to the dead-letter topic at once).
 */
public class EnvelopeDeserializer implements Deserializer<Envelope> {

    @Override
    public Envelope deserialize(String topic, byte[] data) {
        throw new IllegalStateException("CloudEvents binary mode needs record headers");
    }

    @Override
    public Envelope deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        return CloudEventHeaders.read(headers, data);
    }
}
