package eus.elkarlan.company.metrics;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The company-service's business meters (deploy/k8s/README.md, "Business metrics"); counted once
 * the change and its message are stored, not when the request arrives.
 */
@Component
public class CompanyMetrics {

    private final Counter registered;
    private final Counter erased;

    public CompanyMetrics(MeterRegistry meters) {
        this.registered = Counter.builder("elkarlan.companies.registered")
                .description("Companies registered (CompanyRegistered recorded)").register(meters);
        this.erased = Counter.builder("elkarlan.companies.erased")
                .description("GDPR erasures (CompanyDeleted recorded)").register(meters);
    }

    public void registered() {
        registered.increment();
    }

    public void erased() {
        erased.increment();
    }
}
