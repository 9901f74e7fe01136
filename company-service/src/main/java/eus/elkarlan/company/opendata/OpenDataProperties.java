package eus.elkarlan.company.opendata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param minCount counts below this are suppressed, so that no figure singles out a company */
@ConfigurationProperties("elkarlan.company.open-data")
public record OpenDataProperties(@DefaultValue("3") int minCount) {
}
