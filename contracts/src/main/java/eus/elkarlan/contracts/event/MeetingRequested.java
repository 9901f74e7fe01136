package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.event.meeting-requested.v1}: a company asked another for a meeting.
 *
 * @param session   {@code MORNING}, {@code AFTERNOON} or {@code ANY}; a hard rule for the scheduler
 * @param expiresAt when the request lapses if unanswered
 */
public record MeetingRequested(String eventId, String requestId, String fromCompanyId, String toCompanyId,
        String message, String session, Instant expiresAt) implements ElkarlanMessage {

    public MeetingRequested {
        required(eventId, "eventId");
        required(requestId, "requestId");
        required(fromCompanyId, "fromCompanyId");
        required(toCompanyId, "toCompanyId");
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
