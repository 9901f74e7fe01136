package eus.elkarlan.event.schedule;

import static eus.elkarlan.event.Fixtures.company;
import static eus.elkarlan.event.Fixtures.organizer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import eus.elkarlan.event.FixtureTests;
import eus.elkarlan.event.Fixtures;
import eus.elkarlan.testsupport.PlatformTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;

/** A secret, revocable calendar URL that calendar apps fetch without a login. */
@PlatformTest
class CalendarSubscriptionTests extends FixtureTests {

    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar");

    @Test
    void aParticipantSubscribesTheCalendarFollowsAndARevokedUrlIsDead() throws Exception {
        String event = f.createEvent(organizer, Fixtures.eventBody("Subscribed", 2, "09:00", "11:00"));
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        String ca = f.company(a, "Alfa", "ES");
        String cb = f.company(b, "Beta", "FR");
        String cc = f.company(c, "Gamma", "FR");
        f.register(event, a, ca);
        f.register(event, b, cb);
        f.register(event, c, cc);
        String subscription = "/api/v1/events/" + event + "/agenda/" + ca + "/subscription";

        assertThat(f.call(HttpMethod.GET, subscription, null, null).status()).isEqualTo(401);
        assertThat(f.call(HttpMethod.GET, subscription, company(b), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.GET, "/api/v1/events/" + event + "/agenda/" + UUID.randomUUID() + "/subscription",
                organizer(organizer), null).status()).isEqualTo(404);
        var mine = f.call(HttpMethod.GET, subscription, company(a), null);
        assertThat(mine.status()).isEqualTo(200);
        String url = mine.text("url");
        assertThat(url).startsWith("http://").contains("/api/v1/calendar/").endsWith(".ics");
        assertThat(f.call(HttpMethod.GET, subscription, organizer(organizer), null).text("url"))
                .as("the organizer gets the same address").isEqualTo(url);
        String feed = URI.create(url).getPath();

        // before publication: an empty calendar, already subscribable
        var empty = f.call(HttpMethod.GET, feed, null, null, CALENDAR);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.headers().getContentType().toString()).startsWith("text/calendar");
        assertThat(vevents(empty.raw())).isEmpty();

        String ab = f.meeting(event, a, ca, b, cb);
        String ac = f.meeting(event, a, ca, c, cc);
        f.computeAndPublish(event, organizer, Map.of("timeLimitSeconds", 3));
        List<VEvent> published = vevents(f.call(HttpMethod.GET, feed, null, null, CALENDAR).raw());
        assertThat(published).hasSize(2);
        assertThat(published.stream().map(v -> v.getProperty("UID").orElseThrow().getValue()).toList())
                .containsExactlyInAnyOrder(ab + "@elkarlan", ac + "@elkarlan");
        assertThat(published).allMatch(v -> v.getProperty("SEQUENCE").orElseThrow().getValue().equals("1"));

        // a change (the meeting with C is cancelled): the same URL shows it, SEQUENCE raised
        String request = f.call(HttpMethod.GET, "/api/v1/events/" + event + "/meeting-requests", company(c), null)
                .body().get(0).path("id").asString();
        assertThat(f.call(HttpMethod.POST, "/api/v1/events/" + event + "/meeting-requests/" + request + "/cancel",
                company(c), null).status()).isEqualTo(200);
        List<VEvent> changed = vevents(f.call(HttpMethod.GET, feed, null, null, CALENDAR).raw());
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).getProperty("UID").orElseThrow().getValue()).isEqualTo(ab + "@elkarlan");
        assertThat(changed.get(0).getProperty("SEQUENCE").orElseThrow().getValue()).isEqualTo("2");

        // revoked: the old URL is dead, a new one works
        assertThat(f.call(HttpMethod.DELETE, subscription, company(b), null).status()).isEqualTo(403);
        assertThat(f.call(HttpMethod.DELETE, subscription, company(a), null).status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.GET, feed, null, null, CALENDAR).status()).isEqualTo(404);
        String renewed = f.call(HttpMethod.GET, subscription, company(a), null).text("url");
        assertThat(renewed).isNotEqualTo(url);
        assertThat(f.call(HttpMethod.GET, URI.create(renewed).getPath(), null, null, CALENDAR).status()).isEqualTo(200);
        assertThat(f.call(HttpMethod.GET, "/api/v1/calendar/" + UUID.randomUUID() + ".ics", null, null, CALENDAR)
                .status()).isEqualTo(404);

        // the company withdraws: its agenda and its address are gone
        assertThat(f.call(HttpMethod.DELETE, "/api/v1/events/" + event + "/participants/" + ca, company(a), null)
                .status()).isEqualTo(204);
        assertThat(f.call(HttpMethod.GET, URI.create(renewed).getPath(), null, null, CALENDAR).status())
                .isEqualTo(404);
    }

    @Test
    void theUrlUsesTheAddressTheCallerCameThrough() {
        String event = f.createEvent(organizer, Fixtures.eventBody("Forwarded", 2, "09:00", "10:00"));
        String a = UUID.randomUUID().toString();
        String ca = f.company(a, "Delta", "ES");
        f.register(event, a, ca);
        var viaGateway = f.call(HttpMethod.GET, "/api/v1/events/" + event + "/agenda/" + ca + "/subscription",
                company(a), null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "elkarlan.example",
                        "X-Forwarded-Port", "443"));
        assertThat(viaGateway.text("url")).startsWith("https://elkarlan.example/api/v1/calendar/");
    }

    private static List<VEvent> vevents(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.getComponents(Component.VEVENT);
    }
}
