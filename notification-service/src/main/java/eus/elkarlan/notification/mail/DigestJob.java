package eus.elkarlan.notification.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.contact.Contact;
import eus.elkarlan.notification.contact.Contacts;
import eus.elkarlan.notification.preference.UnsubscribeLinks;
import eus.elkarlan.notification.template.NotificationKind;
import eus.elkarlan.notification.template.Templates;
import eus.elkarlan.notification.template.Templates.RenderedMail;

/**
 * Gathers the non-urgent mails waiting for a recipient into one digest, at most once per
 * recipient per window. The digest's id derives from the mails it holds, so a crash between
 * storing it and marking them digested stores it once.
 */
@Component
class DigestJob {

    private final MailOutbox outbox;
    private final Contacts contacts;
    private final MongoTemplate mongo;
    private final Templates templates;
    private final UnsubscribeLinks links;
    private final NotificationProperties.Digest config;
    private final Clock clock;

    DigestJob(MailOutbox outbox, Contacts contacts, MongoTemplate mongo, Templates templates, UnsubscribeLinks links,
            NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.contacts = contacts;
        this.mongo = mongo;
        this.templates = templates;
        this.links = links;
        this.config = properties.digest();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${elkarlan.notification.digest.interval-ms}",
            fixedDelayString = "${elkarlan.notification.digest.interval-ms}")
    void run() {
        Instant now = Instant.now(clock);
        for (String companyId : outbox.companiesWithQueuedDigest()) {
            DigestState state = mongo.findById(companyId, DigestState.class);
            if (state != null && state.lastSentAt().plus(config.window()).isAfter(now)) {
                continue;
            }
            List<OutgoingMail> items = outbox.queuedForDigest(companyId);
            if (items.isEmpty()) {
                continue;
            }
            OutgoingMail first = items.get(0);
            List<String> ids = items.stream().map(OutgoingMail::id).sorted().toList();
            String id = UUID.nameUUIDFromBytes(("digest|" + String.join(",", ids)).getBytes(StandardCharsets.UTF_8))
                    .toString();
            StringBuilder lines = new StringBuilder(templates.text(first.lang(), "digest.header", Map.of()))
                    .append("\n");
            for (OutgoingMail item : items) {
                lines.append("\n\u2022 ").append(item.digestLine());
            }
            Map<String, String> params = Map.of("count", String.valueOf(items.size()), "items", lines.toString());
            String subject = templates.subject(NotificationKind.DIGEST, first.lang(), params);
            String greetingName = contacts.find(companyId).map(Contact::greetingName).orElse("");
            RenderedMail rendered = templates.compose(first.lang(), subject, templates.body(NotificationKind.DIGEST,
                    first.lang(), params), Map.of("contactName", greetingName), links.url(first.recipientSubject(),
                            NotificationKind.DIGEST));
            outbox.enqueue(new OutgoingMail(id, companyId, first.recipientSubject(), first.to(), first.lang(),
                    NotificationKind.DIGEST, OutgoingMail.Status.PENDING, rendered.subject(), rendered.text(),
                    rendered.html(), null, List.of(), 0, now, now, null, null));
            outbox.markDigested(ids);
            mongo.save(new DigestState(companyId, now));
        }
    }

    /** When a company last got a digest. */
    @Document("digest_state")
    record DigestState(@Id String companyId, Instant lastSentAt) {
    }
}
