package eus.elkarlan.event.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.EnvelopeSerializer;
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.observability.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounded retries, then the dead-letter topic (same partition). Unreadable or invalid messages go
 * there at once: retrying them cannot help. The dead-letter producer writes raw bytes as well as
 * envelopes.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaProperties properties,
            @Value("${elkarlan.kafka.retry-interval-ms:500}") long interval,
            @Value("${elkarlan.kafka.retries:3}") long retries, MeterRegistry meters) {
        Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
        Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
        delegates.put(byte[].class, new ByteArraySerializer());
        delegates.put(Envelope.class, new EnvelopeSerializer());
        @SuppressWarnings({ "rawtypes", "unchecked" })
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                (Serializer) new StringSerializer(), (Serializer) new DelegatingByTypeSerializer(delegates));
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetters.counted(recoverer, meters),
                new FixedBackOff(interval, retries));
        handler.addNotRetryableExceptions(InvalidMessageException.class, IllegalArgumentException.class,
                NullPointerException.class, ClassCastException.class);
        return handler;
    }
}
