package eus.elkarlan.company.outbox;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.observability.OutboxTracing;

/** Sends one pending message and waits for the broker's acknowledgement (acks=all). */
@Component
public class OutboxSender {

    private final KafkaTemplate<String, Envelope> template;
    private final OutboxProperties properties;
    private final OutboxTracing tracing;

    public OutboxSender(KafkaTemplate<String, Envelope> template, OutboxProperties properties, OutboxTracing tracing) {
        this.template = template;
        this.properties = properties;
        this.tracing = tracing;
    }

    public void send(PendingMessage message) throws Exception {
        Envelope envelope = message.isTombstone() ? null : message.envelope();
        // in the trace of the request that recorded the message
        tracing.relay(message.traceparent(), message.topic(),
                () -> template.send(new ProducerRecord<>(message.topic(), message.key(), envelope))
                        .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
}
