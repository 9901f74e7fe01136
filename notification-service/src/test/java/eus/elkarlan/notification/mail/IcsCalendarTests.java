package eus.elkarlan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;

class IcsCalendarTests {

    @Test
    void longUnicodeTextsAreFoldedAt75OctetsAndEscapedSoACalendarReadsThemBack() throws Exception {
        String summary = "Bilera: Itsaso Zibersegurtasuna eta Adour Numérique, «Euskal Digital Tech Summit»; "
                + "ñññññññññññññññññññññññññññññññ — €€€€€€€€€€€€€€€€€€€€€€";
        String ics = IcsCalendar.of(List.of(new IcsCalendar.Meeting("m-1", Instant.parse("2027-06-11T07:00:00Z"),
                Instant.parse("2027-06-11T07:30:00Z"), 3, summary, "Kursaal, 4. mahaia", "lerro bat\nbeste bat", false)),
                Instant.parse("2027-01-01T00:00:00Z"));

        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(ics).endsWith("END:VCALENDAR\r\n").doesNotContain("\n\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        CalendarComponent event = calendar.<CalendarComponent>getComponents(Component.VEVENT).get(0);
        assertThat(event.getProperty(Property.SUMMARY).map(Property::getValue).orElseThrow()).isEqualTo(summary);
        assertThat(event.getProperty(Property.DESCRIPTION).map(Property::getValue).orElseThrow())
                .isEqualTo("lerro bat\nbeste bat");
        assertThat(event.getProperty(Property.UID).map(Property::getValue).orElseThrow()).isEqualTo("m-1@elkarlan.eus");
        assertThat(event.getProperty(Property.SEQUENCE).map(Property::getValue).orElseThrow()).isEqualTo("3");
        assertThat(event.getProperty(Property.DTSTART).map(Property::getValue).orElseThrow()).isEqualTo("20270611T070000Z");
    }

    @Test
    void aCancelledMeetingIsACancelWithTheSameUid() {
        String ics = IcsCalendar.of(List.of(new IcsCalendar.Meeting("m-2", Instant.parse("2027-06-11T07:00:00Z"),
                Instant.parse("2027-06-11T07:30:00Z"), 4, "x", null, null, true)), Instant.now());
        assertThat(ics).contains("METHOD:CANCEL\r\n").contains("UID:m-2@elkarlan.eus\r\n").contains("STATUS:CANCELLED\r\n")
                .contains("SEQUENCE:4\r\n");
    }
}
