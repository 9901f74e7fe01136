package eus.elkarlan.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplatesTests {

    private final Templates templates = new Templates();

    @Test
    void everyKindHasEveryTextInEveryLanguage() {
        for (String lang : Language.SUPPORTED) {
            for (NotificationKind kind : NotificationKind.values()) {
                assertThat(templates.subject(kind, lang, Map.of())).isNotBlank();
                // a digest's body is its items
                assertThat(templates.body(kind, lang, Map.of("items", "x"))).isNotBlank();
                assertThat(templates.feedLine(kind, lang, Map.of())).isNotBlank();
            }
        }
    }

    @Test
    void namesCannotBreakTheSubjectLineNorTheHtml() {
        var mail = templates.mail(NotificationKind.MEETING_ACCEPTED, "en",
                Map.of("partnerName", "Evil\r\nBcc: victim@example.org <script>", "contactName", "Ane"), null);
        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n");
        assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void timesAreWrittenInTheReadersLanguageAndTheEventsZone() {
        String text = templates.text("fr", "meeting-reminder.text", Map.of("startTime", "2027-06-11T07:00:00Z",
                "timeZone", "Europe/Paris", "partnerName", "X", "table", "4"));
        assertThat(text).contains("09:00").contains("2027");
        assertThat(Language.normalize("eu-ES")).isEqualTo("eu");
        assertThat(Language.normalize("de")).isNull();
    }
}
