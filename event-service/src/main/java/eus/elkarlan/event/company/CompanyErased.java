package eus.elkarlan.event.company;

/**
 * Published in the JVM when {@code company.deleted} arrives, after the read model forgot the
 * company: the events it took part in withdraw it.
 */
public record CompanyErased(String companyId) {
}
