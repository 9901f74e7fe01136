package eus.elkarlan.contracts.event;

import static eus.elkarlan.contracts.ElkarlanMessage.required;

import java.time.Instant;

/** A slot of an event's grid: {@code index} runs 1..N in time order; {@code session} is MORNING or AFTERNOON. */
public record Slot(int index, Instant start, Instant end, String session) {

    public Slot {
        required(start, "slots.start");
        required(end, "slots.end");
    }
}
