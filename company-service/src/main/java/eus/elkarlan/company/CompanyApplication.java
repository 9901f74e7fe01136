package eus.elkarlan.company;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Company profiles, offers and needs, the taxonomy, the public directory, GDPR export and erasure. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CompanyApplication {

    public static void main(String[] args) {
        SpringApplication.run(CompanyApplication.class, args);
    }
}
