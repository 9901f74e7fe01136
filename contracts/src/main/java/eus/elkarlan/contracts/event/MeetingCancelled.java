package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/**
 * {@code eus.elkarlan.event.meeting-cancelled.v1}: a request or an accepted meeting was cancelled.
 *
 * @param meetingId           {@code null} when the request had not been accepted yet
 * @param cancelledByCompanyId the party that cancelled, {@code null} when the organizer did
 */
public record MeetingCancelled(String eventId, String requestId, String meetingId, String fromCompanyId,
        String toCompanyId, String cancelledByCompanyId) implements ElkarlanMessage {

    public MeetingCancelled {
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
