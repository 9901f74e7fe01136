package eus.elkarlan.company.config;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.observability.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounded retries, then {@code <topic>.DLT} on the same partition. A record that cannot be
 * deserialized goes there at once (its raw bytes), an invalid one after the retries.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfiguration {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaProperties kafka,
            @Value("${elkarlan.company.kafka.retry-interval-ms:500}") long interval,
            @Value("${elkarlan.company.kafka.retries:3}") long retries, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new java.util.LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Envelope.class, new EnvelopeSerializer());
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                null, new DelegatingByTypeSerializer(byType, true));
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        return new DefaultErrorHandler(DeadLetters.counted(recoverer, meters), new FixedBackOff(interval, retries));
    }
}
