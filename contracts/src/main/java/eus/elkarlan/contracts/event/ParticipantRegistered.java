package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.util.List;

import eus.elkarlan.contracts.ElkarlanMessage;

/** {@code eus.elkarlan.event.participant-registered.v1}: a company registered for an event. */
public record ParticipantRegistered(String eventId, String companyId, List<Integer> unavailableSlots, int delegates,
        Integer fixedTable) implements ElkarlanMessage {

    public ParticipantRegistered {
        required(eventId, "eventId");
        required(companyId, "companyId");
        unavailableSlots = unavailableSlots == null ? List.of() : List.copyOf(unavailableSlots);
    }

    @Override
    public String aggregateId() {
        return eventId;
    }
}
