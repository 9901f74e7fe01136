package eus.elkarlan.notification.mail;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.notification.template.NotificationKind;

/**
 * A mail of the outbox: stored before the Kafka message that causes it is acknowledged, sent by
 * {@link MailRelay}, then marked {@code SENT}.
 *
 * @param id         deterministic (message id, kind, recipient): a redelivered message upserts nothing new
 * @param digestLine the one line this mail becomes in a digest ({@code DIGEST_QUEUED} mails)
 */
@Document("mails")
public record OutgoingMail(@Id String id, String companyId, String recipientSubject, String to, String lang,
        NotificationKind kind, Status status, String subject, String text, String html, String digestLine,
        List<Attachment> attachments, int attempts, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
        String lastError) {

    /** Where a mail is in its life. */
    public enum Status {
        /** waits for the recipient's next digest */
        DIGEST_QUEUED,
        /** went out inside a digest */
        DIGESTED,
        /** to send */
        PENDING,
        SENT,
        /** gave up after the configured attempts */
        FAILED
    }

    /** A file attached to a mail (an iCalendar file here). */
    public record Attachment(String filename, String contentType, String content) {
    }
}
