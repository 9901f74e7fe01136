package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/** {@code eus.elkarlan.event.meeting-accepted.v1}: the invited company accepted; a meeting to schedule. */
public record MeetingAccepted(String eventId, String requestId, String meetingId, String fromCompanyId,
        String toCompanyId, String session) implements ElkarlanMessage {

    public MeetingAccepted {
        required(eventId, "eventId");
        required(requestId, "requestId");
        required(meetingId, "meetingId");
        required(fromCompanyId, "fromCompanyId");
        required(toCompanyId, "toCompanyId");
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
