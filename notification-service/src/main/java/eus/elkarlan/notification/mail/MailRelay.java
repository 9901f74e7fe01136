package eus.elkarlan.notification.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.metrics.NotificationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends the stored mails over SMTP and marks them sent. A mail is marked only after the SMTP
 * server took it, so a crash in between resends that one mail (at least once); every mail carries
 * {@code X-Elkarlan-Mail-Id} so that a receiver can drop such a rare duplicate. A failure waits
 * with exponential backoff, and the pass stops at the first failure (the server is likely down).
 */
@Component
class MailRelay {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);

    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final NotificationProperties.Mail config;
    private final Clock clock;
    private final NotificationMetrics metrics;

    MailRelay(MailOutbox outbox, JavaMailSender sender, NotificationProperties properties, Clock clock,
            MeterRegistry meters, NotificationMetrics metrics) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = properties.mail();
        this.clock = clock;
        this.metrics = metrics;
        io.micrometer.core.instrument.Gauge.builder("elkarlan.notification.mails.pending", outbox, MailOutbox::countPending)
                .description("mails stored and not sent yet").register(meters);
    }

    @Scheduled(initialDelayString = "${elkarlan.notification.mail.relay-interval-ms}",
            fixedDelayString = "${elkarlan.notification.mail.relay-interval-ms}")
    void relay() {
        for (int i = 0; i < config.batchSize(); i++) {
            Instant now = Instant.now(clock);
            Optional<OutgoingMail> claimed = outbox.claimDue(now, now.plus(config.lease()));
            if (claimed.isEmpty()) {
                return;
            }
            if (!send(claimed.get())) {
                return;
            }
        }
    }

    private boolean send(OutgoingMail mail) {
        try {
            MimeMessage message = sender.createMimeMessage();
            boolean multipart = true;
            MimeMessageHelper helper = new MimeMessageHelper(message, multipart, StandardCharsets.UTF_8.name());
            helper.setFrom(config.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            if (mail.attachments() != null) {
                for (OutgoingMail.Attachment attachment : mail.attachments()) {
                    helper.addAttachment(attachment.filename(),
                            new ByteArrayResource(attachment.content().getBytes(StandardCharsets.UTF_8)),
                            attachment.contentType());
                }
            }
            message.setHeader("X-Elkarlan-Mail-Id", mail.id());
            if (mail.kind() != null) {
                message.setHeader("X-Elkarlan-Notification", mail.kind().name()); // lets mail rules sort them
            }
            message.setHeader("Content-Language", mail.lang());
            sender.send(message);
            outbox.markSent(mail.id(), Instant.now(clock));
            metrics.mailSent();
            return true;
        }
        catch (Exception ex) {
            int attempts = mail.attempts() + 1;
            boolean giveUp = attempts >= config.maxAttempts();
            Duration wait = backoff(attempts);
            outbox.markAttemptFailed(mail.id(), ex.getClass().getSimpleName() + ": " + ex.getMessage(),
                    Instant.now(clock).plus(wait), giveUp);
            metrics.mailAttemptFailed();
            log.warn("mail {} not sent (attempt {}{}): {}", mail.id(), attempts, giveUp ? ", giving up" : "",
                    ex.getMessage());
            return false;
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
