package eus.elkarlan.company.company;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of a company profile.
 *
 * @param maxNameLength        legal name and contact name
 * @param maxCityLength        city
 * @param maxTitleLength       an offer's or need's title
 * @param maxTextLength        a description (company, offer or need)
 * @param maxItems             offers, and needs, per company
 * @param maxConceptsPerItem   concepts of one offer or need
 * @param maxCooperation       cooperation types of one offer or need
 * @param maxUrlLength         website
 */
@ConfigurationProperties("elkarlan.company.profile")
public record CompanyProperties(@DefaultValue("200") int maxNameLength, @DefaultValue("100") int maxCityLength,
        @DefaultValue("150") int maxTitleLength, @DefaultValue("3000") int maxTextLength,
        @DefaultValue("20") int maxItems, @DefaultValue("10") int maxConceptsPerItem,
        @DefaultValue("5") int maxCooperation, @DefaultValue("300") int maxUrlLength) {
}
