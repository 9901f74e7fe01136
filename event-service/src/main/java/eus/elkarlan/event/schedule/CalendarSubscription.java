package eus.elkarlan.event.schedule;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A secret, revocable address of one participant's agenda that calendar apps fetch without a
 * login. The token is the capability (256 random bits); it reads that agenda and nothing else.
 */
@Document("calendarSubscriptions")
record CalendarSubscription(@Id String token, String eventId, String companyId, String createdBy,
        Instant createdAt) {
}
