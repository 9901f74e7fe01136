package eus.elkarlan.matching.config;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.matching.audit.ExposureAudit;
import eus.elkarlan.matching.company.CompanyChangeListener;
import eus.elkarlan.matching.company.CompanyDirectory;
import eus.elkarlan.matching.company.CompanyReadModel;
import eus.elkarlan.matching.match.MatchFinder;
import eus.elkarlan.matching.match.MatchNotifier;
import eus.elkarlan.matching.match.MatchScorer;
import eus.elkarlan.matching.match.MatchingProperties;
import eus.elkarlan.matching.match.OutboxRelay;
import eus.elkarlan.matching.match.ReasonTexts;
import eus.elkarlan.matching.metrics.MatchingMetrics;
import eus.elkarlan.matching.text.TextAnalysis;
import eus.elkarlan.observability.OutboxTracing;
import io.micrometer.core.instrument.MeterRegistry;

/** The matching components: plain classes, wired here so that the benchmark can build them without Spring. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MatchingProperties.class)
class MatchingConfiguration {

    @Bean
    CompanyDirectory companyDirectory() {
        return new CompanyDirectory();
    }

    @Bean
    TextAnalysis textAnalysis() {
        return new TextAnalysis();
    }

    @Bean
    MatchScorer matchScorer(MatchingProperties properties) {
        return new MatchScorer(properties);
    }

    @Bean
    MatchingMetrics matchingMetrics(MeterRegistry meters) {
        return new MatchingMetrics(meters);
    }

    @Bean
    MatchFinder matchFinder(CompanyDirectory directory, MatchScorer scorer, MatchingMetrics metrics) {
        return new MatchFinder(directory, scorer, metrics::pairsScored);
    }

    @Bean
    ReasonTexts reasonTexts() {
        return new ReasonTexts();
    }

    @Bean
    MatchNotifier matchNotifier(MongoTemplate mongo, MatchFinder finder, MatchingProperties properties) {
        return new MatchNotifier(mongo, finder, properties);
    }

    /** Loads the directory from MongoDB before the Kafka listeners start (they start with the context's lifecycle). */
    @Bean(initMethod = "load")
    CompanyReadModel companyReadModel(MongoTemplate mongo, CompanyDirectory directory, TextAnalysis text,
            List<CompanyChangeListener> listeners) {
        return new CompanyReadModel(mongo, directory, text, listeners);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, Envelope> kafka, MatchingProperties properties,
            OutboxTracing tracing, MatchingMetrics metrics) {
        return new OutboxRelay(mongo, kafka, properties, tracing, metrics);
    }

    @Bean
    ExposureAudit exposureAudit(MatchFinder finder, MatchingProperties properties) {
        return new ExposureAudit(finder, properties.listing().auditTopN(), properties.listing().minScore(),
                properties.listing().auditMaxAge(), Clock.systemUTC());
    }
}
