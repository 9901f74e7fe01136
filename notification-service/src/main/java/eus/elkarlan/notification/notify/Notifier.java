package eus.elkarlan.notification.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.contact.Contact;
import eus.elkarlan.notification.contact.Contacts;
import eus.elkarlan.notification.feed.Feed;
import eus.elkarlan.notification.feed.FeedNotification;
import eus.elkarlan.notification.mail.MailOutbox;
import eus.elkarlan.notification.mail.OutgoingMail;
import eus.elkarlan.notification.mail.OutgoingMail.Attachment;
import eus.elkarlan.notification.preference.PreferenceStore;
import eus.elkarlan.notification.preference.Preferences;
import eus.elkarlan.notification.preference.UnsubscribeLinks;
import eus.elkarlan.notification.template.NotificationKind;
import eus.elkarlan.notification.template.Templates;
import eus.elkarlan.notification.template.Templates.RenderedMail;

/**
 * Records what one notification causes — a feed entry and, unless unsubscribed, a mail (now or
 * in the next digest) — as documents whose ids derive from the cause, so that doing it twice
 * stores nothing new. Sending is the relays' job.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Contacts contacts;
    private final Feed feed;
    private final MailOutbox outbox;
    private final PreferenceStore preferences;
    private final UnsubscribeLinks links;
    private final Templates templates;
    private final NotificationProperties.Digest digest;
    private final Clock clock;

    Notifier(Contacts contacts, Feed feed, MailOutbox outbox, PreferenceStore preferences, UnsubscribeLinks links,
            Templates templates, NotificationProperties properties, Clock clock) {
        this.contacts = contacts;
        this.feed = feed;
        this.outbox = outbox;
        this.preferences = preferences;
        this.links = links;
        this.templates = templates;
        this.digest = properties.digest();
        this.clock = clock;
    }

    /**
     * One notification to one company.
     *
     * @param cause       what caused it (a message id, or a job's key): with kind and company, the ids
     * @param params      the texts' parameters, kept in the feed entry
     * @param mailParams  extra parameters of the mail only, written in the recipient's language
     * @param attachments the mail's attachments, in the recipient's language
     * @return the stored id, or empty when the company is unknown here
     */
    public Optional<String> notifyCompany(String cause, String companyId, NotificationKind kind,
            Map<String, String> params, List<String> relatedCompanyIds,
            Function<String, Map<String, String>> mailParams, Function<String, List<Attachment>> attachments) {
        Optional<Contact> found = contacts.find(companyId);
        if (found.isEmpty()) {
            log.info("no contact for company {}: {} not recorded", companyId, kind);
            return Optional.empty();
        }
        Contact contact = found.get();
        String lang = contact.language();
        String id = idOf(cause, kind, companyId);
        Instant now = Instant.now(clock);
        feed.add(new FeedNotification(id, contact.ownerSubject(), companyId, kind, Map.copyOf(params), lang,
                relatedCompanyIds == null ? List.of() : List.copyOf(relatedCompanyIds), now, null));
        Preferences prefs = preferences.of(contact.ownerSubject());
        if (!prefs.wantsMail(kind)) {
            return Optional.of(id);
        }
        Map<String, String> all = new HashMap<>(params);
        all.put("contactName", contact.greetingName());
        boolean toDigest = digest.kinds().contains(kind) && (prefs.digest() != null ? prefs.digest() : digest.enabled());
        if (toDigest) {
            outbox.enqueue(new OutgoingMail(id, companyId, contact.ownerSubject(), contact.email(), lang, kind,
                    OutgoingMail.Status.DIGEST_QUEUED, null, null, null, templates.feedLine(kind, lang, all), List.of(),
                    0, now, now, null, null));
            return Optional.of(id);
        }
        if (mailParams != null) {
            all.putAll(mailParams.apply(lang));
        }
        RenderedMail rendered = templates.mail(kind, lang, all, links.url(contact.ownerSubject(), kind));
        outbox.enqueue(new OutgoingMail(id, companyId, contact.ownerSubject(), contact.email(), lang, kind,
                OutgoingMail.Status.PENDING, rendered.subject(), rendered.text(), rendered.html(), null,
                attachments == null ? List.of() : attachments.apply(lang), 0, now, now, null, null));
        return Optional.of(id);
    }

    /** A feed entry for somebody who is not a company (a partner): no mail, the feed is the channel. */
    public String notifySubject(String cause, String subject, NotificationKind kind, Map<String, String> params) {
        String id = idOf(cause, kind, subject);
        feed.add(new FeedNotification(id, subject, null, kind, Map.copyOf(params), null, List.of(),
                Instant.now(clock), null));
        return id;
    }

    /** The id of the work a cause makes for a recipient: the same cause always gives the same id. */
    public static String idOf(String cause, NotificationKind kind, String recipient) {
        return UUID.nameUUIDFromBytes((cause + "|" + kind + "|" + recipient).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
