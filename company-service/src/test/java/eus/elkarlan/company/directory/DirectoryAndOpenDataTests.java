package eus.elkarlan.company.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import eus.elkarlan.company.Api;
import eus.elkarlan.company.Api.Reply;
import eus.elkarlan.company.CompaniesTopic;
import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.EnvelopeSerializer;
import eus.elkarlan.contracts.Topics;
import eus.elkarlan.contracts.event.MeetingAccepted;
import eus.elkarlan.testsupport.PlatformTest;
import tools.jackson.databind.JsonNode;

/** The public directory in the four languages, the taxonomy endpoints and the open-data figures. */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryAndOpenDataTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Api api;
    final String marker = "zq" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> company(String key, String territory, String postal, String lang, String offer,
            String description, boolean publicProfile) {
        Map<String, Object> c = territory.equals("LAPURDI") ? Api.labourdinCompany(key) : Api.gipuzkoanCompany(key);
        c.put("legalName", key + " " + marker);
        c.put("territory", territory);
        c.put("postalCode", postal);
        c.put("languages", List.of(lang));
        c.put("description", Map.of(lang, description + " " + marker + key.toLowerCase()));
        c.put("offers", List.of(Map.of("title", offer, "lang", lang)));
        c.put("needs", List.of());
        c.put("publicProfile", publicProfile);
        return c;
    }

    @BeforeAll
    void registerCompaniesInFourLanguages() {
        api = new Api(port);
        register("Itsasgune", company("Itsasgune", "GIPUZKOA", "20018", "eu", "Zibersegurtasun auditoria",
                "Donostiako enpresa, industria enpresentzako segurtasuna.", true));
        register("Adour", company("Adour", "LAPURDI", "64100", "fr", "Audits de cybersécurité pour PME",
                "Société bayonnaise de sécurité informatique.", true));
        register("Nervion", company("Nervion", "BIZKAIA", "48001", "es", "Auditorías de ciberseguridad",
                "Empresa bilbaína de seguridad para hospitales.", true));
        register("Ebro", company("Ebro", "NAFARROA", "31001", "en", "Security audits for manufacturers",
                "Pamplona firm securing smart factories.", true));
        register("Gordea", company("Gordea", "ARABA", "01001", "es", "Auditoría de ciberseguridad",
                "Empresa privada sin perfil público.", false));
        for (String key : List.of("Itsasgune", "Adour", "Nervion", "Ebro")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> items("/api/v1/companies?q=" + marker + key.toLowerCase())
                    .contains(ids.get(key)));
        }
    }

    private void register(String key, Map<String, Object> body) {
        String token = Api.companyToken(UUID.randomUUID().toString());
        Reply reply = api.post("/api/v1/companies", token, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        ids.put(key, reply.json().path("id").asString());
        tokens.put(key, token);
    }

    private List<String> items(String path) {
        Reply reply = api.get(path, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        reply.json().path("items").forEach(i -> found.add(i.path("id").asString()));
        return found;
    }

    @Test
    void aSearchInOneLanguageFindsCompaniesWrittenInTheOthers() {
        assertThat(items("/api/v1/companies?size=100&territory=LAPURDI&q=zibersegurtasun auditoria")).contains(ids.get("Adour"));
        assertThat(items("/api/v1/companies?size=100&territory=BIZKAIA&q=audit de cybersécurité")).contains(ids.get("Nervion"));
        assertThat(items("/api/v1/companies?size=100&territory=NAFARROA&q=auditoría de ciberseguridad")).contains(ids.get("Ebro"));
        assertThat(items("/api/v1/companies?size=100&territory=GIPUZKOA&q=security audit")).contains(ids.get("Itsasgune"));
    }

    @Test
    void aSearchFindsInflectedWordsOfDescriptionsInEachLanguage() {
        assertThat(items("/api/v1/companies?q=" + marker + " enpresak")).containsExactly(ids.get("Itsasgune"));
        assertThat(items("/api/v1/companies?q=hospital " + marker + "nervion")).containsExactly(ids.get("Nervion"));
        assertThat(items("/api/v1/companies?q=factory " + marker + "ebro")).containsExactly(ids.get("Ebro"));
        assertThat(items("/api/v1/companies?q=bayonnaises " + marker + "adour")).containsExactly(ids.get("Adour"));
        assertThat(items("/api/v1/companies?q=Donostiako enpresentzako " + marker + "itsasgune")).containsExactly(ids.get("Itsasgune"));
        assertThat(items("/api/v1/companies?q=Nervion " + marker)).first().isEqualTo(ids.get("Nervion"));
    }

    @Test
    void privateProfilesStayOutOfTheDirectory() {
        assertThat(items("/api/v1/companies?q=" + marker + "gordea")).isEmpty();
        assertThat(items("/api/v1/companies?size=100&territory=ARABA&concept=cybersecurity.audit")).doesNotContain(ids.get("Gordea"));
    }

    @Test
    void filtersPagingAndTheListEnvelope() {
        Reply reply = api.get("/api/v1/companies?size=1000&concept=cybersecurity&lang=fr&q=" + marker, null);
        JsonNode page = reply.json();
        assertThat(page.path("size").asInt()).isEqualTo(100);
        assertThat(page.path("page").asInt()).isEqualTo(0);
        assertThat(page.path("totalItems").asInt()).isEqualTo(4);
        assertThat(page.path("totalPages").asInt()).isEqualTo(1);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("offers").get(0).path("concepts").get(0).path("label").asString()).isEqualTo("Audit de cybersécurité");
        Reply second = api.get("/api/v1/companies?size=3&page=1&q=" + marker, null);
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("totalPages").asInt()).isEqualTo(2);
        assertThat(items("/api/v1/companies?territory=LAPURDI&q=" + marker)).containsExactly(ids.get("Adour"));

        assertThat(api.get("/api/v1/companies?territory=MARS", null).errorFields()).containsExactly("territory");
        assertThat(api.get("/api/v1/companies?concept=no.such", null).errorFields()).containsExactly("concept");
        assertThat(api.get("/api/v1/companies?lang=de", null).errorFields()).containsExactly("lang");
        assertThat(api.get("/api/v1/companies?page=-1", null).errorFields()).containsExactly("page");
    }

    @Test
    void anErasedCompanyLeavesTheDirectory() {
        String token = Api.companyToken(UUID.randomUUID().toString());
        Map<String, Object> body = company("Iragankorra", "GIPUZKOA", "20001", "eu", "Web garapena", "Laster desagertuko da.", true);
        String id = api.post("/api/v1/companies", token, body).json().path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> items("/api/v1/companies?q=" + marker + "iragankorra").contains(id));
        assertThat(api.delete("/api/v1/companies/" + id, token).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> items("/api/v1/companies?q=" + marker + "iragankorra").isEmpty());
    }

    @Test
    void theTaxonomyIsPublicAndSpeaksFourLanguages() {
        Reply eu = api.get("/api/v1/concepts?lang=eu", null);
        assertThat(eu.status()).isEqualTo(200);
        assertThat(eu.json().path("totalItems").asInt()).isGreaterThanOrEqualTo(150);
        JsonNode audit = null;
        for (JsonNode c : eu.json().path("items")) {
            if (c.path("code").asString().equals("cybersecurity.audit")) {
                audit = c;
            }
        }
        assertThat(audit.path("label").asString()).isEqualTo("Zibersegurtasun auditoria");
        assertThat(audit.path("parent").asString()).isEqualTo("cybersecurity");
        assertThat(audit.path("labels").path("fr").asString()).isEqualTo("Audit de cybersécurité");

        Reply french = api.call(HttpMethod.GET, "/api/v1/concepts", null, null, Map.of("Accept-Language", "fr-FR,fr;q=0.9"));
        assertThat(french.json().path("lang").asString()).isEqualTo("fr");
        Reply langWins = api.call(HttpMethod.GET, "/api/v1/concepts?lang=es", null, null, Map.of("Accept-Language", "fr"));
        assertThat(langWins.json().path("lang").asString()).isEqualTo("es");

        for (String[] phrase : List.of(new String[] { "eu", "zibersegurtasun auditoria" },
                new String[] { "fr", "audit de cybersécurité" }, new String[] { "es", "auditoría de ciberseguridad" },
                new String[] { "en", "security audit" })) {
            Reply s = api.get("/api/v1/concepts/suggest?lang=" + phrase[0] + "&text=" + phrase[1], null);
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.json().path("items").get(0).path("code").asString()).isEqualTo("cybersecurity.audit");
        }
        assertThat(api.get("/api/v1/concepts/suggest?lang=en", null).errorFields()).containsExactly("text");
        assertThat(api.get("/api/v1/concepts/suggest?text=audit&lang=xx", null).errorFields()).containsExactly("lang");
    }

    @Test
    void openDataCountsCompaniesAndCrossBorderMeetingsWithoutSmallFigures() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String eventId = UUID.randomUUID().toString();
        try (var raw = new KafkaProducer<String, byte[]>(config, new StringSerializer(), new ByteArraySerializer());
                var good = new KafkaProducer<String, Envelope>(config, new StringSerializer(), new EnvelopeSerializer())) {
            // a poison message first: it must go to the dead-letter topic and not block the rest
            var poison = new ProducerRecord<String, byte[]>(Topics.EVENTS, eventId, "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_type", "eus.elkarlan.event.meeting-accepted.v1".getBytes(StandardCharsets.UTF_8));
            raw.send(poison).get();
            List<String> meetingIds = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
            String[][] pairs = { { "Itsasgune", "Adour" }, { "Nervion", "Adour" }, { "Ebro", "Adour" } };
            for (int i = 0; i < 3; i++) {
                Envelope e = Envelope.of("/event-service", new MeetingAccepted(eventId, "r" + i, meetingIds.get(i),
                        ids.get(pairs[i][0]), ids.get(pairs[i][1]), "ANY"));
                good.send(new ProducerRecord<>(Topics.EVENTS, eventId, e)).get();
                if (i == 0) {
                    good.send(new ProducerRecord<>(Topics.EVENTS, eventId, e)).get(); // a duplicate changes nothing
                }
            }
            // a same-side meeting
            good.send(new ProducerRecord<>(Topics.EVENTS, eventId, Envelope.of("/event-service",
                    new MeetingAccepted(eventId, "r9", UUID.randomUUID().toString(), ids.get("Itsasgune"), ids.get("Nervion"), "ANY")))).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/api/v1/open-data/stats", null).json().path("meetings").path("count").asLong() >= 4);
        JsonNode stats = api.get("/api/v1/open-data/stats", null).json();
        assertThat(stats.path("meetings").path("count").asLong()).isEqualTo(4);
        assertThat(stats.path("crossBorderMeetings").path("count").asLong()).isEqualTo(3);
        assertThat(CompaniesTopic.recordsFor(bootstrapServers, Topics.deadLetter(Topics.EVENTS), eventId)).hasSize(1);

        assertThat(stats.path("companies").path("count").asLong()).isGreaterThanOrEqualTo(4);
        for (String dimension : List.of("territory", "region", "sizeBand", "naceDivision", "offering", "sectorServed")) {
            for (JsonNode figure : stats.path("companiesBy").path(dimension)) {
                boolean suppressed = figure.path("suppressed").asBoolean();
                assertThat(suppressed ? figure.path("count").isNull() : figure.path("count").asLong() >= 3)
                        .as(dimension + " " + figure).isTrue();
            }
        }
        Reply csv = api.get("/api/v1/open-data/stats?format=csv", null);
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("dimension,key,count,suppressed\n").contains("\nterritory,GIPUZKOA,")
                .contains("\nmeetings,acceptedCrossBorder,3,false");
    }
}
