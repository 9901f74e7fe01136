package eus.elkarlan.notification.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.notification.template.NotificationKind;

/**
 * One entry of a recipient's in-app feed. Its text is written when read, in the reader's language.
 *
 * @param id                deterministic (from the message id, kind and recipient): a redelivery writes nothing new
 * @param recipientSubject  the JWT subject of the reader
 * @param companyId         the company concerned, {@code null} for a partner
 * @param lang              the recipient's language when written (the default when reading)
 * @param relatedCompanyIds other companies named in {@code params}, for erasure
 */
@Document("feed")
public record FeedNotification(@Id String id, String recipientSubject, String companyId, NotificationKind kind,
        Map<String, String> params, String lang, List<String> relatedCompanyIds, Instant createdAt,
        Instant readAt) {
}
