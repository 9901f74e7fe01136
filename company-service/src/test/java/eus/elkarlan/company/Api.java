package eus.elkarlan.company;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import eus.elkarlan.company.company.LegalIdentifiers;
import eus.elkarlan.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: any status comes back as a response, bodies as JSON trees. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    public Api(int port) {
        this.client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    public record Reply(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body == null ? "null" : body);
        }

        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        public String etag() {
            return headers.getETag();
        }
    }

    public Reply call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
        var spec = client.method(method).uri(path);
        if (token != null) {
            spec = spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        for (var h : headers.entrySet()) {
            spec = spec.header(h.getKey(), h.getValue());
        }
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        ResponseEntity<String> response = spec.retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        return new Reply(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    public Reply get(String path, String token) {
        return call(HttpMethod.GET, path, token, null, Map.of());
    }

    public Reply post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body, Map.of());
    }

    public Reply put(String path, String token, Object body, String ifMatch) {
        return call(HttpMethod.PUT, path, token, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public Reply delete(String path, String token) {
        return call(HttpMethod.DELETE, path, token, null, Map.of());
    }

    public static String companyToken(String subject) {
        return TestTokens.get().token(subject, "company");
    }

    /** A valid Gipuzkoan company with a fresh legal identifier, as a mutable map. */
    public static Map<String, Object> gipuzkoanCompany(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("legalName", name);
        c.put("legalId", new LinkedHashMap<>(Map.of("scheme", "ES_NIF",
                "value", LegalIdentifiers.cif('B', ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999)))));
        c.put("territory", "GIPUZKOA");
        c.put("city", "Donostia");
        c.put("postalCode", "20018");
        c.put("website", "https://itsaso.example");
        c.put("sizeBand", "SMALL");
        c.put("naceCode", "62.02");
        c.put("languages", new ArrayList<>(List.of("eu", "es", "en")));
        c.put("description", new LinkedHashMap<>(Map.of("eu", "Zibersegurtasun enpresa donostiarra.",
                "es", "Empresa donostiarra de ciberseguridad.")));
        c.put("offers", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("title", "Zibersegurtasun auditoria",
                "description", "Enpresa txiki eta ertainentzako auditoriak.", "lang", "eu",
                "cooperation", List.of("SUPPLIER"))))));
        c.put("needs", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("title", "Distribuidor en Francia",
                "description", "Buscamos un distribuidor en Iparralde.", "lang", "es")))));
        c.put("womenLed", true);
        c.put("publicProfile", true);
        c.put("contact", new LinkedHashMap<>(Map.of("name", "Miren Etxeberria", "email", "miren@itsaso.example",
                "phone", "+34 943 00 00 00")));
        return c;
    }

    /** A valid Labourdin company with a fresh SIREN. */
    public static Map<String, Object> labourdinCompany(String name) {
        Map<String, Object> c = gipuzkoanCompany(name);
        c.put("legalId", new LinkedHashMap<>(Map.of("scheme", "FR_SIREN",
                "value", LegalIdentifiers.siren(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999)))));
        c.put("territory", "LAPURDI");
        c.put("city", "Baiona");
        c.put("postalCode", "64100");
        c.put("languages", new ArrayList<>(List.of("fr", "eu")));
        c.put("description", new LinkedHashMap<>(Map.of("fr", "Agence web bayonnaise.")));
        c.put("offers", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("title", "Développement web et applications mobiles",
                "lang", "fr")))));
        c.put("needs", new ArrayList<>());
        return c;
    }
}
