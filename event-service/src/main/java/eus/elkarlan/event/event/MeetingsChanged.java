package eus.elkarlan.event.event;

/**
 * Published (in the JVM) after a write that added or removed accepted meetings or participants of
 * an event, so that a published schedule can follow.
 */
public record MeetingsChanged(String eventId) {
}
