package eus.elkarlan.notification.agenda;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The public facts of an event that notifications mention. */
@Document("events")
public record EventInfo(@Id String eventId, String name, String venueName, String venueCity, String timeZone,
        String status) {
}
