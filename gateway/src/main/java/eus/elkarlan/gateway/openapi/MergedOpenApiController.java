package eus.elkarlan.gateway.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import eus.elkarlan.gateway.login.LoginProperties;
import eus.elkarlan.gateway.routing.ServicesProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v3/api-docs}: one OpenAPI document for the whole public API, so that a partner can
 * generate a client. Each service's document is fetched when asked (with a short timeout) and
 * merged: paths, components, tags; the security schemes are Keycloak's (a bearer JWT, the
 * client-credentials grant for partners, the authorization code for people). A service that is
 * down or has no document yet is skipped, and the description says which.
 */
@RestController
@EnableConfigurationProperties(OpenApiProperties.class)
class MergedOpenApiController {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private final WebClient http;
    private final Map<String, String> documents = new LinkedHashMap<>();
    private final OpenApiProperties properties;
    private final LoginProperties login;
    private final JsonMapper json = JsonMapper.builder().build();

    MergedOpenApiController(ServicesProperties services, OpenApiProperties properties,
            LoginProperties login) {
        this.http = WebClient.builder().build();
        this.properties = properties;
        this.login = login;
        documents.put("company-service", services.company() + properties.docsPath());
        documents.put("matching-service", services.matching() + properties.docsPath());
        documents.put("event-service", services.event() + properties.docsPath());
        documents.put("notification-service", services.notification() + properties.docsPath());
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> merged() {
        return Flux.fromIterable(documents.entrySet())
                .flatMapSequential(entry -> fetch(entry.getKey(), entry.getValue()))
                .collectList()
                .map(this::merge)
                .map(json::writeValueAsString);
    }

    private Mono<Fetched> fetch(String service, String url) {
        return http.get().uri(url).accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(String.class)
                .timeout(properties.timeout())
                .map(body -> {
                    JsonNode document = json.readTree(body);
                    if (!document.isObject() || !document.path("paths").isObject()) {
                        return new Fetched(service, null, "no OpenAPI document");
                    }
                    return new Fetched(service, (ObjectNode) document, null);
                })
                .onErrorResume(ex -> Mono.just(new Fetched(service, null, "unavailable (" + ex.getClass().getSimpleName() + ")")))
                .defaultIfEmpty(new Fetched(service, null, "empty document"));
    }

    ObjectNode merge(List<Fetched> fetched) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", properties.title());
        info.put("version", properties.version());
        root.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        ArrayNode tags = root.putArray("tags");
        List<String> included = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Fetched f : fetched) {
            if (f.document() == null) {
                skipped.add(f.service() + ": " + f.problem());
                continue;
            }
            included.add(f.service());
            ObjectNode document = f.document().deepCopy();
            String prefix = f.service().replace("-service", "");
            renameCollidingSchemas(document, components.path("schemas"), prefix);
            document.path("paths").properties().forEach(e -> {
                if (!paths.has(e.getKey())) {
                    e.getValue().properties().forEach(op -> uniqueOperationId(op.getValue(), prefix, operationIds));
                    paths.set(e.getKey(), e.getValue());
                }
            });
            document.path("components").properties().forEach(section -> {
                if ("securitySchemes".equals(section.getKey()) || !section.getValue().isObject()) {
                    return; // the gateway's schemes replace the services' own
                }
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(item -> {
                    if (!target.has(item.getKey())) {
                        target.set(item.getKey(), item.getValue());
                    }
                });
            });
            document.path("tags").forEach(tags::add);
        }
        StringBuilder description = new StringBuilder(
                "The public API of Elkarlan, through the gateway. Sign in with a bearer token from Keycloak "
                        + "(partners: the client-credentials grant; people: the authorization code with PKCE).");
        description.append("\n\nServices included: ").append(included.isEmpty() ? "none" : String.join(", ", included)).append('.');
        if (!skipped.isEmpty()) {
            description.append("\n\nNot included right now (their paths are missing from this document): ")
                    .append(String.join("; ", skipped)).append('.');
        }
        info.put("description", description.toString());
        securitySchemes(components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes"));
        ArrayNode security = root.putArray("security");
        security.addObject().putArray("bearer-jwt");
        security.addObject().putArray("keycloak");
        return root;
    }

    /**
     * Two services may name different schemas alike ({@code Item}): the later one is renamed with
     * its service's name ({@code MatchingItem}) and every reference inside its document follows, so
     * that no operation points at another service's shape.
     */
    private static void renameCollidingSchemas(ObjectNode document, JsonNode merged, String prefix) {
        Map<String, String> renames = new LinkedHashMap<>();
        JsonNode own = document.path("components").path("schemas");
        if (!own.isObject() || !merged.isObject()) {
            return;
        }
        own.properties().forEach(e -> {
            JsonNode existing = merged.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                renames.put(e.getKey(), capitalize(prefix) + e.getKey());
            }
        });
        if (renames.isEmpty()) {
            return;
        }
        ObjectNode schemas = (ObjectNode) own;
        renames.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        rewriteReferences(document, renames);
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                String to = renames.get(ref.asString().substring(SCHEMA_REF.length()));
                if (to != null) {
                    object.put("$ref", SCHEMA_REF + to);
                }
            }
            object.values().forEach(child -> rewriteReferences(child, renames));
        }
        else if (node instanceof ArrayNode array) {
            array.values().forEach(child -> rewriteReferences(child, renames));
        }
    }

    /**
     * Operation ids are unique across the merged document, as client generators need: each is
     * prefixed with its service ({@code companyRegister}, {@code eventRegister}); springdoc's
     * {@code _1} suffixes are dropped, and a clash left inside one service takes its tag's name.
     */
    private static void uniqueOperationId(JsonNode operation, String prefix, Set<String> taken) {
        if (!(operation instanceof ObjectNode op) || !op.path("operationId").isString()) {
            return;
        }
        String base = op.path("operationId").asString().replaceFirst("_\\d+$", "");
        String id = prefix + capitalize(base);
        if (taken.contains(id)) {
            String tag = op.path("tags").path(0).asString("").replace("-controller", "");
            StringBuilder camel = new StringBuilder();
            for (String word : tag.split("-")) {
                camel.append(capitalize(word));
            }
            id = prefix + camel + capitalize(base);
        }
        String unique = id;
        for (int n = 2; taken.contains(unique); n++) {
            unique = id + n;
        }
        taken.add(unique);
        op.put("operationId", unique);
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private void securitySchemes(ObjectNode schemes) {
        String endpoints = login.issuer() + "/protocol/openid-connect";
        ObjectNode bearer = schemes.putObject("bearer-jwt");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        bearer.put("description", "An access token of the realm, audience elkarlan-api.");
        ObjectNode oauth = schemes.putObject("keycloak");
        oauth.put("type", "oauth2");
        oauth.put("description", "Keycloak: partners use the client-credentials grant, people the authorization code "
                + "with PKCE (client " + login.clientId() + ").");
        ObjectNode flows = oauth.putObject("flows");
        ObjectNode clientCredentials = flows.putObject("clientCredentials");
        clientCredentials.put("tokenUrl", endpoints + "/token");
        clientCredentials.putObject("scopes");
        ObjectNode code = flows.putObject("authorizationCode");
        code.put("authorizationUrl", endpoints + "/auth");
        code.put("tokenUrl", endpoints + "/token");
        code.put("refreshUrl", endpoints + "/token");
        ObjectNode scopes = code.putObject("scopes");
        scopes.put("openid", "OpenID Connect");
        scopes.put("profile", "name and user name");
        scopes.put("email", "e-mail address");
        ObjectNode oidc = schemes.putObject("openid");
        oidc.put("type", "openIdConnect");
        oidc.put("openIdConnectUrl", login.issuer() + "/.well-known/openid-configuration");
    }

    record Fetched(String service, ObjectNode document, String problem) {
    }
}
