package eus.elkarlan.company.taxonomy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param resource       the versioned taxonomy file
 * @param maxSuggestions most concepts {@code suggest} returns
 * @param maxTextLength  longest text {@code suggest} accepts
 */
@ConfigurationProperties("elkarlan.company.taxonomy")
public record TaxonomyProperties(@DefaultValue("classpath:eus/elkarlan/contracts/taxonomy/taxonomy-v1.tsv") String resource,
        @DefaultValue("10") int maxSuggestions, @DefaultValue("2000") int maxTextLength) {
}
