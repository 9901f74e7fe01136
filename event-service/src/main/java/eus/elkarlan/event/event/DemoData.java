package eus.elkarlan.event.event;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Under profile {@code demo}: one event, seeded when the store holds none. */
@Component
@Profile("demo")
class DemoData {

    /** Token subject of the local realm's demo-organizer. */
    static final String DEMO_ORGANIZER = "5b1f3c2e-7d4a-4c1e-9a57-0d3e2c6b1a02";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final EventRepository events;
    private final EventService service;

    DemoData(EventRepository events, EventService service) {
        this.events = events;
        this.service = service;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (events.count() > 0) {
            return;
        }
        LocalDate day = LocalDate.now().plusMonths(3).withDayOfMonth(11);
        EventApi.CreateEvent body = new EventApi.CreateEvent("Euskal Digital Tech Summit",
                new EventApi.Venue("Kursaal", "Donostia"), "Europe/Madrid",
                List.of(new EventApi.DayBody(day, List.of(
                        new EventApi.SessionBody(LocalTime.of(9, 0), LocalTime.of(13, 0)),
                        new EventApi.SessionBody(LocalTime.of(15, 0), LocalTime.of(18, 0))))),
                20, 20, OffsetDateTime.of(day.minusDays(10).atTime(18, 0), java.time.ZoneOffset.ofHours(2)), null);
        Event event = service.create(body, DEMO_ORGANIZER);
        log.info("demo event {} seeded", event.getId());
    }
}
