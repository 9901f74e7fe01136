package eus.elkarlan.observability;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts what a consumer gives up on and sends to its dead-letter topic. */
public final class DeadLetters {

    /** Prometheus: {@code elkarlan_messages_dead_lettered_total{topic="<source topic>"}}. */
    public static final String METER = "elkarlan.messages.dead.lettered";

    private DeadLetters() {
    }

    /**
     * {@code recoverer}, counting each record it has published: a failed publication throws and is
     * not counted (the error handler keeps the record).
     */
    public static ConsumerRecordRecoverer counted(ConsumerRecordRecoverer recoverer, MeterRegistry meters) {
        return (record, exception) -> {
            recoverer.accept(record, exception);
            meters.counter(METER, "topic", record.topic()).increment();
        };
    }
}
