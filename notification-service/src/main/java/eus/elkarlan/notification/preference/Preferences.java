package eus.elkarlan.notification.preference;

import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.notification.template.NotificationKind;

/**
 * What a recipient (a token subject) wants by e-mail. The feed always shows everything.
 *
 * @param unsubscribed kinds never sent by e-mail
 * @param digest       {@code true}/{@code false} overrides the service's digest mode; {@code null} follows it
 */
@Document("preferences")
public record Preferences(@Id String subject, Set<NotificationKind> unsubscribed, Boolean digest) {

    public static Preferences none(String subject) {
        return new Preferences(subject, Set.of(), null);
    }

    public boolean wantsMail(NotificationKind kind) {
        return unsubscribed == null || !unsubscribed.contains(kind);
    }
}
