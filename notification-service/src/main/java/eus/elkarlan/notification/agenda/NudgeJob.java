package eus.elkarlan.notification.agenda;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.contact.Contact;
import eus.elkarlan.notification.contact.Contacts;
import eus.elkarlan.notification.notify.Notifier;
import eus.elkarlan.notification.template.NotificationKind;

/** Nudges, once, the invited company of a meeting request left unanswered for the configured time. */
@Component
class NudgeJob {

    private final Agenda agenda;
    private final Contacts contacts;
    private final Notifier notifier;
    private final NotificationProperties.Nudge config;
    private final Clock clock;

    NudgeJob(Agenda agenda, Contacts contacts, Notifier notifier, NotificationProperties properties, Clock clock) {
        this.agenda = agenda;
        this.contacts = contacts;
        this.notifier = notifier;
        this.config = properties.nudge();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${elkarlan.notification.nudge.interval-ms}",
            fixedDelayString = "${elkarlan.notification.nudge.interval-ms}")
    void run() {
        if (!config.enabled()) {
            return;
        }
        Instant now = Instant.now(clock);
        for (OpenRequest request : agenda.unansweredSince(now.minus(config.after()))) {
            if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
                agenda.markNudged(request.requestId()); // lapsed: the decline that follows tells the requester
                continue;
            }
            Map<String, String> params = new HashMap<>();
            contacts.find(request.fromCompanyId()).map(Contact::legalName).ifPresent(n -> params.put("fromName", n));
            agenda.event(request.eventId()).map(EventInfo::name).ifPresent(n -> params.put("eventName", n));
            notifier.notifyCompany("nudge|" + request.requestId(), request.toCompanyId(), NotificationKind.REQUEST_NUDGE,
                    params, List.of(request.fromCompanyId()), null, null);
            agenda.markNudged(request.requestId());
        }
    }
}
