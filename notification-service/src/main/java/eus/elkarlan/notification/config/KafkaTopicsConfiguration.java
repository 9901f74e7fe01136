package eus.elkarlan.notification.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import eus.elkarlan.contracts.Topics;

/** Creates the platform's topics (and their dead-letter topics) at start when they are missing. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics elkarlanTopics(@Value("${elkarlan.kafka.partitions:6}") int partitions,
            @Value("${elkarlan.kafka.replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(Topics.definitions(partitions, replicas).toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }
}
