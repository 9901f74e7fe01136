package eus.elkarlan.notification.template;

/** What a notification is about; each kind has its texts in every language. */
public enum NotificationKind {
    MATCH_SUGGESTED,
    MEETING_REQUESTED,
    MEETING_ACCEPTED,
    MEETING_DECLINED,
    MEETING_CANCELLED,
    SCHEDULE_PUBLISHED,
    MEETING_RESCHEDULED,
    MEETING_REMINDER,
    REQUEST_NUDGE,
    DIGEST,
    WEBHOOK_PAUSED,
    WELCOME;

    /** The key prefix in the template files. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
