package eus.elkarlan.notification.agenda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.contact.Contact;
import eus.elkarlan.notification.contact.Contacts;
import eus.elkarlan.notification.notify.Notifier;
import eus.elkarlan.notification.template.NotificationKind;

/**
 * Reminds each company of its meetings the configured time before them (e.g. the day before and
 * 15 minutes before). When several offsets are due at once (a schedule published late), only the
 * closest one is sent.
 */
@Component
class ReminderJob {

    private final Agenda agenda;
    private final Contacts contacts;
    private final Notifier notifier;
    private final NotificationProperties.Reminders config;
    private final Clock clock;

    ReminderJob(Agenda agenda, Contacts contacts, Notifier notifier, NotificationProperties properties, Clock clock) {
        this.agenda = agenda;
        this.contacts = contacts;
        this.notifier = notifier;
        this.config = properties.reminders();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${elkarlan.notification.reminders.interval-ms}",
            fixedDelayString = "${elkarlan.notification.reminders.interval-ms}")
    void run() {
        if (!config.enabled() || config.offsets().isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        Duration longest = config.offsets().stream().max(Comparator.naturalOrder()).orElseThrow();
        for (AgendaEntry entry : agenda.upcoming(now, now.plus(longest))) {
            List<Duration> due = new ArrayList<>();
            for (Duration offset : config.offsets()) {
                boolean sent = entry.remindersSent() != null && entry.remindersSent().contains(offset.toString());
                if (!sent && !entry.start().minus(offset).isAfter(now)) {
                    due.add(offset);
                }
            }
            if (due.isEmpty()) {
                continue;
            }
            Duration closest = due.stream().min(Comparator.naturalOrder()).orElseThrow();
            EventInfo event = agenda.event(entry.eventId()).orElse(null);
            Map<String, String> params = new java.util.HashMap<>();
            contacts.find(entry.partnerCompanyId()).map(Contact::legalName).ifPresent(n -> params.put("partnerName", n));
            if (event != null) {
                putIfPresent(params, "eventName", event.name());
                putIfPresent(params, "venueName", event.venueName());
                putIfPresent(params, "timeZone", event.timeZone());
            }
            params.put("startTime", entry.start().toString());
            params.put("table", String.valueOf(entry.table()));
            String cause = "reminder|" + entry.id() + "|" + closest + "|" + entry.start();
            notifier.notifyCompany(cause, entry.companyId(), NotificationKind.MEETING_REMINDER, params,
                    List.of(entry.partnerCompanyId()), null, null);
            agenda.markReminded(entry.id(), due.stream().map(Duration::toString).toList());
        }
    }

    static void putIfPresent(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
