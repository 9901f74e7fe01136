package eus.elkarlan.notification.config;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.observability.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounded retries, then {@code <topic>.DLT} (same partition). A record that cannot be
 * deserialized, or that breaks the contract, goes there at once: retrying cannot fix it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        // raw bytes of an undeserializable record, or an envelope that failed processing
        var values = new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(),
                Envelope.class, new EnvelopeSerializer()), true);
        @SuppressWarnings({ "unchecked", "rawtypes" })
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                (org.apache.kafka.common.serialization.Serializer) new StringSerializer(),
                (org.apache.kafka.common.serialization.Serializer) values);
        return new KafkaTemplate<>(factory);
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> deadLetterTemplate,
            NotificationProperties properties, MeterRegistry meters) {
        var recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        var handler = new DefaultErrorHandler(DeadLetters.counted(recoverer, meters), new FixedBackOff(properties.consumer().retryIntervalMs(),
                properties.consumer().retryAttempts()));
        handler.addNotRetryableExceptions(InvalidMessageException.class);
        return handler;
    }
}
