package eus.elkarlan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.contracts.event.MeetingDeclined;
import eus.elkarlan.contracts.event.MeetingRequested;

class FeedTests extends NotificationTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void theRecipientReadsItsFeedInItsLanguageOrTheOneAsked() {
        TestCompany company = registered("Ordizia Foods SL", "es", "eu");
        TestCompany partner = registered("Saint-Jean Tech", "fr");
        String eventId = newId();
        publish(new MeetingRequested(eventId, newId(), partner.id(), company.id(), null, "ANY", null));
        publish(new MeetingAccepted(eventId, newId(), newId(), company.id(), partner.id(), "ANY"));
        publish(new MeetingDeclined(eventId, newId(), company.id(), partner.id(), null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.count(Query.query(Criteria.where("companyId").is(company.id())), "feed") == 3);

        Map<String, Object> page = get("/api/v1/notifications?size=2", company.owner(), null);
        assertThat(page).containsEntry("page", 0).containsEntry("size", 2).containsEntry("totalItems", 3)
                .containsEntry("totalPages", 2);
        List<Map<String, Object>> items = items(page);
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsEntry("lang", "es").containsEntry("read", false);
        assertThat(items(get("/api/v1/notifications", company.owner(), null))).extracting(i -> i.get("text"))
                .contains("Saint-Jean Tech ha rechazado su reunión en el evento");
        assertThat(items(get("/api/v1/notifications?lang=fr", company.owner(), "es"))).extracting(i -> i.get("text"))
                .contains("Saint-Jean Tech a refusé votre rendez-vous à l\u2019événement");
        assertThat(items(get("/api/v1/notifications", company.owner(), "eu-ES,eu;q=0.9"))).extracting(i -> i.get("text"))
                .contains("Saint-Jean Tech enpresak bilera ukatu du (ekitaldia)");
        assertThat(get("/api/v1/notifications?size=1000", company.owner(), null)).containsEntry("size", 100);
        // somebody else's feed is empty for this company
        assertThat(items(get("/api/v1/notifications", partner.owner(), null)))
                .allMatch(i -> !company.id().equals(i.get("companyId")));
    }

    @Test
    void onlyTheRecipientMarksANotificationRead() {
        TestCompany company = registered("Beasain Rail SL", "en");
        TestCompany partner = registered("Oloron Aero", "fr");
        publish(new MeetingAccepted(newId(), newId(), newId(), company.id(), partner.id(), "ANY"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.count(Query.query(Criteria.where("companyId").is(company.id())), "feed") == 1);
        String id = (String) items(get("/api/v1/notifications", company.owner(), null)).get(0).get("id");

        var stranger = client().post().uri("/api/v1/notifications/{id}/read", id)
                .header("Authorization", bearer(partner.owner(), "company")).retrieve().toEntity(String.class);
        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(stranger.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        var anonymous = client().post().uri("/api/v1/notifications/{id}/read", id).retrieve().toEntity(String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        var unknown = client().post().uri("/api/v1/notifications/{id}/read", newId())
                .header("Authorization", bearer(company.owner(), "company")).retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        var read = client().post().uri("/api/v1/notifications/{id}/read", id)
                .header("Authorization", bearer(company.owner(), "company")).retrieve().toEntity(JSON);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody()).containsEntry("read", true).containsEntry("kind", "MEETING_ACCEPTED");
        assertThat(get("/api/v1/notifications?unreadOnly=true", company.owner(), null)).containsEntry("totalItems", 0);
    }

    @Test
    void preferencesRejectAnUnknownKind() {
        var bad = client().put().uri("/api/v1/notifications/preferences")
                .header("Authorization", bearer(newId(), "company")).contentType(MediaType.APPLICATION_JSON)
                .body("{\"unsubscribed\": [\"NOT_A_KIND\"]}").retrieve().toEntity(String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        var operator = client().put().uri("/api/v1/notifications/preferences")
                .header("Authorization", bearer(newId(), "company")).contentType(MediaType.APPLICATION_JSON)
                .body("{\"unsubscribed\": [], \"digest\": {\"$gt\": \"\"}}").retrieve().toEntity(String.class);
        assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        var good = client().put().uri("/api/v1/notifications/preferences")
                .header("Authorization", bearer(newId(), "company")).contentType(MediaType.APPLICATION_JSON)
                .body("{\"unsubscribed\": [\"MATCH_SUGGESTED\"], \"digest\": false}").retrieve().toEntity(JSON);
        assertThat(good.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(good.getBody()).containsEntry("digest", false);
    }

    private Map<String, Object> get(String uri, String subject, String acceptLanguage) {
        var request = client().get().uri(uri).header("Authorization", bearer(subject, "company"));
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        var response = request.retrieve().toEntity(JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
