package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.event.MeetingRequested;

/** Nothing lost, nothing doubled: mails survive an SMTP outage and redelivered messages. */
class OutboxTests extends NotificationTestSupport {

    @Test
    void mailsWrittenWhileTheSmtpServerIsDownArriveExactlyOnceWhenItIsBack() {
        TestCompany invited = registered("Azpeitia Automation SL", "eu");
        List<TestCompany> askers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            askers.add(registered("Asker " + i + " SARL", "fr"));
        }
        List<Envelope> sent = new ArrayList<>();
        MAIL.stop();
        try {
            for (TestCompany asker : askers) {
                sent.add(publish(new MeetingRequested(newId(), newId(), asker.id(), invited.id(), "?", "ANY", null)));
            }
            Query failing = Query.query(Criteria.where("to").is(invited.email()).and("kind").is("MEETING_REQUESTED")
                    .and("status").is("PENDING")
                    .and("lastError").exists(true));
            // stored, tried, failed: waiting for the server
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(failing, "mails") == 4);
            assertThat(mailsTo(invited.email())).isEmpty();
        }
        finally {
            MAIL.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(invited.email()).size() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(Query.query(Criteria.where("to")
                .is(invited.email()).and("kind").is("MEETING_REQUESTED").and("status").is("SENT")), "mails") == 4);

        // the same messages again, as a consumer restarting from an older offset would see them
        sent.forEach(this::publish);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(invited.email()).size(), n -> n == 4);
        assertThat(mongo.count(Query.query(Criteria.where("to").is(invited.email()).and("kind").is("MEETING_REQUESTED")),
                "mails")).isEqualTo(4);
    }
}
