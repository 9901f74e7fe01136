package eus.elkarlan.notification.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import eus.elkarlan.notification.NotificationTestSupport;
import eus.elkarlan.notification.feed.Feed;
import eus.elkarlan.notification.notify.Notifier;

class DemoFeedTests extends NotificationTestSupport {

    @Autowired
    Feed feed;

    @Autowired
    Notifier notifier;

    @Test
    void theDemoCompanyIsWelcomedOnceWhenItsFeedIsEmpty() {
        Query demo = Query.query(Criteria.where("recipientSubject").is(DemoFeed.DEMO_COMPANY_SUBJECT));
        mongo.remove(demo, "feed");
        DemoFeed seed = new DemoFeed(feed, notifier);
        seed.run(null);
        seed.run(null);
        assertThat(mongo.count(demo, "feed")).isEqualTo(1);
        var page = client().get().uri("/api/v1/notifications?lang=eu")
                .header("Authorization", bearer(DemoFeed.DEMO_COMPANY_SUBJECT, "company")).retrieve()
                .body(java.util.Map.class);
        assertThat(page.get("items").toString()).contains("Ongi etorri Elkarlanera");
    }
}
