package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import eus.elkarlan.contracts.ElkarlanMessage;

/** {@code eus.elkarlan.event.meeting-declined.v1}: the invited company declined (or the request expired). */
public record MeetingDeclined(String eventId, String requestId, String fromCompanyId, String toCompanyId,
        String reason) implements ElkarlanMessage {

    public MeetingDeclined {
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
