package eus.elkarlan.notification.demo;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.feed.Feed;
import eus.elkarlan.notification.notify.Notifier;
import eus.elkarlan.notification.template.NotificationKind;

/** Profile {@code demo}: a welcome entry in demo-company's feed when its feed is empty. */
@Component
@Profile("demo")
class DemoFeed implements ApplicationRunner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoFeed.class);

    static final String DEMO_COMPANY_SUBJECT = "5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a01";

    private final Feed feed;
    private final Notifier notifier;

    DemoFeed(Feed feed, Notifier notifier) {
        this.feed = feed;
        this.notifier = notifier;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (feed.isEmpty(DEMO_COMPANY_SUBJECT)) {
                notifier.notifySubject("demo-welcome", DEMO_COMPANY_SUBJECT, NotificationKind.WELCOME, Map.of());
            }
        }
        catch (RuntimeException ex) {
            // demo data is a nicety: never the reason the service does not start
            log.warn("demo feed not seeded: {}", ex.getMessage());
        }
    }
}
