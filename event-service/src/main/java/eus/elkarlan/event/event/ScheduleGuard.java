package eus.elkarlan.event.event;

/**
 * What the schedule side says about an edit of its event (implemented by the schedule package,
 * which depends on this one, not the reverse).
 */
public interface ScheduleGuard {

    /** Refuses (409) an edit that would invalidate a published schedule or a running job. */
    void checkEdit(String eventId, boolean gridChanged, int tables);

    /** After the edit: a computed, unpublished schedule that no longer fits is marked stale. */
    void eventEdited(String eventId, boolean gridChanged, int tables);
}
