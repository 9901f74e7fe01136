package eus.elkarlan.company.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import eus.elkarlan.company.Api;
import eus.elkarlan.company.Api.Reply;
import eus.elkarlan.testsupport.PlatformTest;
import eus.elkarlan.testsupport.TestTokens;

@PlatformTest
class CompanyApiTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    private static String subject() {
        return UUID.randomUUID().toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> offer(Map<String, Object> company, int i) {
        return (Map<String, Object>) ((List<Object>) company.get("offers")).get(i);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> company, String key) {
        return (Map<String, Object>) company.get(key);
    }

    @Test
    void anOwnerRegistersReadsReplacesAndErasesTheCompany() {
        String owner = subject();
        String token = Api.companyToken(owner);
        Map<String, Object> body = Api.gipuzkoanCompany("Itsaso Zibersegurtasuna SL");

        Reply created = api.post("/api/v1/companies", token, body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.headers().getLocation().getPath()).isEqualTo("/api/v1/companies/" + id);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(created.json().path("region").asString()).isEqualTo("HEGOALDE");
        assertThat(created.json().path("country").asString()).isEqualTo("ES");
        assertThat(created.json().path("version").asLong()).isEqualTo(1);
        assertThat(created.json().path("naceVersion").asString()).isEqualTo("NACE_REV2");
        var firstOffer = created.json().path("offers").get(0);
        assertThat(firstOffer.path("conceptsDerived").asBoolean()).isTrue();
        assertThat(firstOffer.path("concepts").toString()).contains("cybersecurity.audit");
        assertThat(created.json().path("needs").get(0).path("concepts").toString()).contains("cooperation.distribution");

        Reply mine = api.get("/api/v1/companies/me", token);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("id").asString()).isEqualTo(id);
        assertThat(mine.json().path("ownerSubject").asString()).isEqualTo(owner);

        Reply anonymous = api.get("/api/v1/companies/" + id, null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().has("contact")).isFalse();
        assertThat(anonymous.json().has("ownerSubject")).isFalse();
        assertThat(anonymous.etag()).isEqualTo("\"1\"");

        // the owner corrects the derived concepts
        offer(body, 0).put("concepts", List.of("cybersecurity.audit", "cybersecurity.pentest"));
        body.put("legalName", "Itsaso Zibersegurtasuna S.L.");
        assertThat(api.put("/api/v1/companies/" + id, token, body, null).status()).isEqualTo(428);
        assertThat(api.put("/api/v1/companies/" + id, token, body, "\"7\"").status()).isEqualTo(412);
        Reply replaced = api.put("/api/v1/companies/" + id, token, body, created.etag());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.etag()).isEqualTo("\"2\"");
        assertThat(replaced.json().path("legalName").asString()).isEqualTo("Itsaso Zibersegurtasuna S.L.");
        assertThat(replaced.json().path("offers").get(0).path("conceptsDerived").asBoolean()).isFalse();
        assertThat(replaced.json().path("offers").get(0).path("concepts").toString())
                .isEqualTo("[\"cybersecurity.audit\",\"cybersecurity.pentest\"]");
        // a second write with the old ETag is stale
        assertThat(api.put("/api/v1/companies/" + id, token, body, created.etag()).status()).isEqualTo(412);

        Reply export = api.get("/api/v1/companies/" + id + "/export", token);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains(id).contains("miren@itsaso.example").contains("pendingMessages").contains("legalKey");

        assertThat(api.delete("/api/v1/companies/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/companies/" + id, token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/companies/me", token).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/companies/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void anotherCompanyGets403OnUpdateEraseAndExportAndChangesNothing() {
        String token = Api.companyToken(subject());
        Reply created = api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Bidasoa Datuak SL"));
        String id = created.json().path("id").asString();
        String intruder = Api.companyToken(subject());

        Reply put = api.put("/api/v1/companies/" + id, intruder, Api.gipuzkoanCompany("Hijacked"), created.etag());
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(api.delete("/api/v1/companies/" + id, intruder).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/companies/" + id + "/export", intruder).status()).isEqualTo(403);
        Reply still = api.get("/api/v1/companies/" + id, token);
        assertThat(still.json().path("legalName").asString()).isEqualTo("Bidasoa Datuak SL");
        assertThat(still.json().path("version").asLong()).isEqualTo(1);

        // an admin may act on any company
        String admin = TestTokens.get().token(subject(), "admin");
        assertThat(api.get("/api/v1/companies/" + id + "/export", admin).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/companies/" + id, admin).status()).isEqualTo(204);
    }

    @Test
    void aPrivateProfileIsHiddenFromEveryoneButItsOwnerAndAdmins() {
        String token = Api.companyToken(subject());
        Map<String, Object> body = Api.gipuzkoanCompany("Ezkutuko Softwarea SL");
        body.put("publicProfile", false);
        String id = api.post("/api/v1/companies", token, body).json().path("id").asString();

        assertThat(api.get("/api/v1/companies/" + id, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/companies/" + id, Api.companyToken(subject())).status()).isEqualTo(404);
        // an object the caller may not know: 404 before 403
        assertThat(api.put("/api/v1/companies/" + id, Api.companyToken(subject()), body, "\"1\"").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/companies/" + id, token).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/companies/" + id, TestTokens.get().token(subject(), "admin")).status()).isEqualTo(200);
    }

    @Test
    void aSecondCompanyWithTheSameLegalIdentifierGets409() {
        Map<String, Object> body = Api.gipuzkoanCompany("Lehena SL");
        assertThat(api.post("/api/v1/companies", Api.companyToken(subject()), body).status()).isEqualTo(201);
        Map<String, Object> again = Api.gipuzkoanCompany("Bigarrena SL");
        // the same identifier written differently (spaces, lower case) is the same identifier
        String value = (String) child(body, "legalId").get("value");
        child(again, "legalId").put("value", value.toLowerCase().substring(0, 3) + " " + value.substring(3));
        Reply conflict = api.post("/api/v1/companies", Api.companyToken(subject()), again);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorFields()).containsExactly("legalId.value");
    }

    @Test
    void anOwnerRegistersOneCompany() {
        String token = Api.companyToken(subject());
        assertThat(api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Bat SL")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Bi SL")).status()).isEqualTo(409);
    }

    @Test
    void rolesAndTokensAreChecked() {
        Map<String, Object> body = Api.gipuzkoanCompany("Rolak SL");
        assertThat(api.post("/api/v1/companies", null, body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/companies", TestTokens.get().token(subject(), "partner"), body).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/companies", TestTokens.get().expiredToken(subject(), "company"), body).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/companies/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/companies/" + UUID.randomUUID() + "/export", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/companies/" + UUID.randomUUID(), null).status()).isEqualTo(404);
    }

    @Test
    void malformedBodiesGet400() {
        String token = Api.companyToken(subject());
        assertThat(api.post("/api/v1/companies", token, "{not json").status()).isEqualTo(400);
        Map<String, Object> operator = Api.gipuzkoanCompany("Operadorea SL");
        operator.put("legalName", Map.of("$gt", ""));
        assertThat(api.post("/api/v1/companies", token, operator).status()).isEqualTo(400);
        Map<String, Object> wrongType = Api.gipuzkoanCompany("Mota SL");
        wrongType.put("publicProfile", List.of(1));
        assertThat(api.post("/api/v1/companies", token, wrongType).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/companies/me", token).status()).isEqualTo(404);
    }

    static Stream<Arguments> invalidInputs() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("legalName", (Consumer<Map<String, Object>>) c -> c.remove("legalName")));
        cases.add(Arguments.of("legalName", (Consumer<Map<String, Object>>) c -> c.put("legalName", "x".repeat(201))));
        cases.add(Arguments.of("legalName", (Consumer<Map<String, Object>>) c -> c.put("legalName", "Bad\u0007Name")));
        cases.add(Arguments.of("legalId", (Consumer<Map<String, Object>>) c -> c.remove("legalId")));
        cases.add(Arguments.of("legalId.scheme", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("scheme", "DE_HRB")));
        cases.add(Arguments.of("legalId.scheme", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("scheme", "FR_SIREN")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").remove("value")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("value", "B20123452")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("value", "12345678A")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("value", "X1234567A")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("value", "P2000000A")));
        cases.add(Arguments.of("legalId.value", (Consumer<Map<String, Object>>) c -> child(c, "legalId").put("value", "HELLO")));
        cases.add(Arguments.of("territory", (Consumer<Map<String, Object>>) c -> c.put("territory", "GALICIA")));
        cases.add(Arguments.of("territory", (Consumer<Map<String, Object>>) c -> c.remove("territory")));
        cases.add(Arguments.of("city", (Consumer<Map<String, Object>>) c -> c.put("city", " ")));
        cases.add(Arguments.of("postalCode", (Consumer<Map<String, Object>>) c -> c.put("postalCode", "48001")));
        cases.add(Arguments.of("postalCode", (Consumer<Map<String, Object>>) c -> c.put("postalCode", "2001")));
        cases.add(Arguments.of("website", (Consumer<Map<String, Object>>) c -> c.put("website", "ftp://itsaso.example")));
        cases.add(Arguments.of("website", (Consumer<Map<String, Object>>) c -> c.put("website", "not a url")));
        cases.add(Arguments.of("sizeBand", (Consumer<Map<String, Object>>) c -> c.put("sizeBand", "HUGE")));
        cases.add(Arguments.of("naceCode", (Consumer<Map<String, Object>>) c -> c.put("naceCode", "6202x")));
        cases.add(Arguments.of("naceCode", (Consumer<Map<String, Object>>) c -> c.put("naceCode", "62.023")));
        cases.add(Arguments.of("naceVersion", (Consumer<Map<String, Object>>) c -> c.put("naceVersion", "NACE_REV9")));
        cases.add(Arguments.of("languages", (Consumer<Map<String, Object>>) c -> c.put("languages", List.of())));
        cases.add(Arguments.of("languages[1]", (Consumer<Map<String, Object>>) c -> c.put("languages", List.of("eu", "de"))));
        cases.add(Arguments.of("languages[1]", (Consumer<Map<String, Object>>) c -> c.put("languages", List.of("eu", "eu"))));
        cases.add(Arguments.of("description.de", (Consumer<Map<String, Object>>) c -> c.put("description", Map.of("de", "Hallo"))));
        cases.add(Arguments.of("description.eu", (Consumer<Map<String, Object>>) c -> c.put("description", Map.of("eu", "x".repeat(3001)))));
        cases.add(Arguments.of("offers", (Consumer<Map<String, Object>>) c -> { c.put("offers", List.of()); c.put("needs", List.of()); }));
        cases.add(Arguments.of("offers", (Consumer<Map<String, Object>>) c -> {
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                many.add(Map.of("title", "Offer " + i, "lang", "en"));
            }
            c.put("offers", many);
        }));
        cases.add(Arguments.of("offers[0].title", (Consumer<Map<String, Object>>) c -> offer(c, 0).remove("title")));
        cases.add(Arguments.of("offers[0].title", (Consumer<Map<String, Object>>) c -> offer(c, 0).put("title", "y".repeat(151))));
        cases.add(Arguments.of("offers[0].lang", (Consumer<Map<String, Object>>) c -> offer(c, 0).put("lang", "de")));
        cases.add(Arguments.of("offers[0].lang", (Consumer<Map<String, Object>>) c -> offer(c, 0).remove("lang")));
        cases.add(Arguments.of("offers[0].concepts[1]", (Consumer<Map<String, Object>>) c -> offer(c, 0).put("concepts", List.of("cloud", "no.such.concept"))));
        cases.add(Arguments.of("offers[0].cooperation[0]", (Consumer<Map<String, Object>>) c -> offer(c, 0).put("cooperation", List.of("FRIEND"))));
        cases.add(Arguments.of("needs[0].description", (Consumer<Map<String, Object>>) c -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> need = (Map<String, Object>) ((List<Object>) c.get("needs")).get(0);
            need.put("description", "z".repeat(3001));
        }));
        cases.add(Arguments.of("publicProfile", (Consumer<Map<String, Object>>) c -> c.remove("publicProfile")));
        cases.add(Arguments.of("contact", (Consumer<Map<String, Object>>) c -> c.remove("contact")));
        cases.add(Arguments.of("contact.email", (Consumer<Map<String, Object>>) c -> child(c, "contact").remove("email")));
        cases.add(Arguments.of("contact.email", (Consumer<Map<String, Object>>) c -> child(c, "contact").put("email", "miren@")));
        cases.add(Arguments.of("contact.phone", (Consumer<Map<String, Object>>) c -> child(c, "contact").put("phone", "call me")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void eachInvalidFieldIsReportedByNameAndNothingIsStored(String field, Consumer<Map<String, Object>> breakIt) {
        String token = Api.companyToken(subject());
        Map<String, Object> body = Api.gipuzkoanCompany("Akatsak SL");
        breakIt.accept(body);
        Reply reply = api.post("/api/v1/companies", token, body);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(reply.errorFields()).containsExactly(field);
        assertThat(api.get("/api/v1/companies/me", token).status()).isEqualTo(404);
    }

    @Test
    void frenchIdentifiersAreCheckedByLuhn() {
        Map<String, Object> bad = Api.labourdinCompany("Baiona Web SARL");
        child(bad, "legalId").put("value", "123456789");
        Reply reply = api.post("/api/v1/companies", Api.companyToken(subject()), bad);
        assertThat(reply.errorFields()).containsExactly("legalId.value");

        Map<String, Object> siret = Api.labourdinCompany("Baiona Web SARL");
        String siren = LegalIdentifiers.siren(73282932);
        String body = siren + "0001";
        String valid = null;
        for (char d = '0'; d <= '9' && valid == null; d++) {
            valid = LegalIdentifiers.problem("FR_SIRET", body + d) == null ? body + d : null;
        }
        child(siret, "legalId").putAll(Map.of("scheme", "FR_SIRET", "value", valid));
        Reply ok = api.post("/api/v1/companies", Api.companyToken(subject()), siret);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().path("region").asString()).isEqualTo("IPARRALDE");
        assertThat(ok.json().path("offers").get(0).path("concepts").toString()).contains("software.web", "software.mobile");
    }

    @Test
    void namesAndCitiesAreUnicodeWithApostrophesAndSlashesAndOptionalFieldsMayBeLeftOut() {
        Map<String, Object> body = Api.labourdinCompany("L'Atelier Numérique / Lantegi Digitala");
        body.put("city", "Donibane Lohizune / Saint-Jean-de-Luz");
        body.put("postalCode", "64500");
        body.remove("website");
        body.remove("description");
        body.remove("womenLed");
        child(body, "contact").remove("name");
        child(body, "contact").remove("phone");
        Reply reply = api.post("/api/v1/companies", Api.companyToken(subject()), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("legalName").asString()).isEqualTo("L'Atelier Numérique / Lantegi Digitala");
        assertThat(reply.json().path("city").asString()).isEqualTo("Donibane Lohizune / Saint-Jean-de-Luz");
    }

    @Test
    void aBodyOverOneMebibyteGets413() {
        Map<String, Object> body = Api.gipuzkoanCompany("Handiegia SL");
        body.put("description", Map.of("eu", "x".repeat(1_100_000)));
        Reply reply = api.post("/api/v1/companies", Api.companyToken(subject()), body);
        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void severalWrongFieldsAreAllListed() {
        Map<String, Object> body = Api.gipuzkoanCompany("Asko SL");
        body.put("postalCode", "64100");
        child(body, "contact").put("email", "nope");
        body.put("sizeBand", "GIANT");
        Reply reply = api.post("/api/v1/companies", Api.companyToken(subject()), body);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("postalCode", "contact.email", "sizeBand");
    }

    @Test
    void aValidationErrorOnReplaceComesAfterThePreconditions() {
        String token = Api.companyToken(subject());
        Reply created = api.post("/api/v1/companies", token, Api.gipuzkoanCompany("Ordena SL"));
        String id = created.json().path("id").asString();
        Map<String, Object> bad = new LinkedHashMap<>(Api.gipuzkoanCompany("Ordena SL"));
        bad.put("territory", "MARS");
        assertThat(api.put("/api/v1/companies/" + id, token, bad, null).status()).isEqualTo(428);
        assertThat(api.put("/api/v1/companies/" + id, token, bad, "\"9\"").status()).isEqualTo(412);
        Reply invalid = api.put("/api/v1/companies/" + id, token, bad, created.etag());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).contains("territory");
        assertThat(api.get("/api/v1/companies/" + id, token).json().path("version").asLong()).isEqualTo(1);
    }
}
