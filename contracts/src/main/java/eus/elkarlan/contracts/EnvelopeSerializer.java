package eus.elkarlan.contracts;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer of every producer: CloudEvents headers plus the JSON body. */
public class EnvelopeSerializer implements Serializer<Envelope> {

    @Override
    public byte[] serialize(String topic, Envelope envelope) {
        throw new IllegalStateException("CloudEvents binary mode needs record headers");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Envelope envelope) {
        if (envelope == null) {
            return null; // a tombstone
        }
        CloudEventHeaders.write(envelope, headers);
        return MessageJson.write(envelope.data());
    }
}
