package eus.elkarlan.company.outbox;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.observability.OutboxTracing;

/**
 * Hands one pending message to the producer (idempotent, {@code acks=all}); the future completes
 * with the broker's acknowledgement. The relay starts the sends of several companies before it
 * waits, so that one round trip to the broker serves them all.
 */
@Component
public class OutboxSender {

    private final KafkaTemplate<String, Envelope> template;
    private final OutboxTracing tracing;

    public OutboxSender(KafkaTemplate<String, Envelope> template, OutboxTracing tracing) {
        this.template = template;
        this.tracing = tracing;
    }

    public CompletableFuture<?> dispatch(PendingMessage message) throws Exception {
        Envelope envelope = message.isTombstone() ? null : message.envelope();
        // in the trace of the request that recorded the message (the record carries its traceparent)
        CompletableFuture<SendResult<String, Envelope>> sent = tracing.relay(message.traceparent(), message.topic(),
                () -> template.send(new ProducerRecord<>(message.topic(), message.key(), envelope)));
        return sent;
    }
}
