package eus.elkarlan.matching.config;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
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
 * Bounded retries, then the record goes to {@code <topic>.DLT} on the same partition. A record that
 * cannot be deserialized, or breaks the contract ({@link InvalidMessageException}), goes there at
 * once. The dead-letter template writes raw bytes (the undeserializable original) as well as envelopes;
 * it is not a bean, so Boot's own {@code KafkaTemplate} stays in place.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerProperties.class)
class KafkaErrorHandlingConfiguration {

    /**
     * The replica listener's factory: the same consumer settings, but a failing record is logged and
     * skipped (the shared group already sends it to the dead-letter topic).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> replicaContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0, 0)));
        return factory;
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(ProducerFactory<?, ?> producerFactory,
            ConsumerProperties consumer, MeterRegistry meters) {
        Map<Class<?>, Serializer<?>> byType = Map.of(byte[].class, new ByteArraySerializer(), String.class,
                new StringSerializer(), Envelope.class, new EnvelopeSerializer());
        DefaultKafkaProducerFactory<Object, Object> deadLetterFactory = new DefaultKafkaProducerFactory<>(
                producerFactory.getConfigurationProperties(), new DelegatingByTypeSerializer(byType),
                new DelegatingByTypeSerializer(byType));
        KafkaTemplate<Object, Object> deadLetterTemplate = new KafkaTemplate<>(deadLetterFactory);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(DeadLetters.counted(recoverer, meters), new FixedBackOff(consumer.retryInterval().toMillis(), consumer.retries()));
        handler.addNotRetryableExceptions(InvalidMessageException.class, IllegalArgumentException.class,
                ClassCastException.class);
        return handler;
    }
}
