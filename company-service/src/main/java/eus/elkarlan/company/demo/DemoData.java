package eus.elkarlan.company.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.stereotype.Component;

import eus.elkarlan.company.company.CompanyRequest;
import eus.elkarlan.company.company.CompanyService;

/**
 * Profile {@code demo}: registers the fictional companies when the store holds none, through the
 * same path as a registration (validation, derived concepts, outbox), so that the directory and
 * the other services see them. The first belongs to the demo user {@code demo-company}.
 */
@Component
@Profile("demo")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CompanyService companies;
    private final String resource;
    private final String demoCompanySubject;

    DemoData(CompanyService companies, @Value("${elkarlan.company.demo.resource:classpath:demo/companies.json}") String resource,
            @Value("${elkarlan.company.demo.company-subject:5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01}") String demoCompanySubject) {
        this.companies = companies;
        this.resource = resource;
        this.demoCompanySubject = demoCompanySubject;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() throws Exception {
        if (companies.count() > 0) {
            log.info("demo: the store already holds companies, nothing seeded");
            return;
        }
        List<CompanyRequest> requests = DemoCompanies.load(new DefaultResourceLoader().getResource(resource).getInputStream());
        int seeded = 0;
        for (int i = 0; i < requests.size(); i++) {
            String owner = i == 0 ? demoCompanySubject
                    : UUID.nameUUIDFromBytes(("elkarlan-demo-company-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            try {
                companies.register(owner, requests.get(i));
                seeded++;
            }
            catch (RuntimeException ex) {
                log.warn("demo: {} not seeded: {}", requests.get(i).legalName(), ex.getMessage());
            }
        }
        log.info("demo: {} companies seeded", seeded);
    }
}
