package eus.elkarlan.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import eus.elkarlan.gateway.login.LoginProperties;
import eus.elkarlan.gateway.routing.ServicesProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The merge itself: what a client generator needs from the one document of the whole API. */
class MergedOpenApiTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MergedOpenApiController controller = new MergedOpenApiController(
            new ServicesProperties(URI.create("http://c"), URI.create("http://m"), URI.create("http://e"), URI.create("http://n")),
            new OpenApiProperties(Duration.ofSeconds(1), "/v3/api-docs", "Elkarlan API", "v1"),
            new LoginProperties("http://kc/realms/elkarlan", "", "web", "S", false, Duration.ofMinutes(30)));

    @Test
    void twoServicesNamingDifferentSchemasAlikeKeepTheirOwnShapesAndTheirOperationsPointAtThem() {
        ObjectNode merged = controller.merge(List.of(
                fetched("company-service", """
                        { "paths": { "/api/v1/companies": { "post": { "operationId": "register", "tags": ["company-controller"],
                            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } } } } },
                          "components": { "schemas": { "Item": { "type": "object", "properties": { "title": { "type": "string" } } } } } }
                        """),
                fetched("event-service", """
                        { "paths": { "/api/v1/events/{id}/participants": { "post": { "operationId": "register", "tags": ["event-controller"],
                            "responses": { "200": { "content": { "application/json": { "schema": {
                                "type": "array", "items": { "$ref": "#/components/schemas/Item" } } } } } } } } },
                          "components": { "schemas": { "Item": { "type": "object", "properties": { "slot": { "type": "integer" } } },
                                                       "Same": { "type": "string" } } } }
                        """)));

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("Item").path("properties").has("title")).isTrue();
        assertThat(schemas.path("EventItem").path("properties").has("slot")).isTrue();
        assertThat(merged.at("/paths/~1api~1v1~1events~1{id}~1participants/post/responses/200/content/application~1json/schema/items/$ref")
                .asString()).isEqualTo("#/components/schemas/EventItem");
        assertThat(merged.at("/paths/~1api~1v1~1companies/post/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Item");
        assertThat(operationIds(merged)).containsExactly("companyRegister", "eventRegister");
    }

    @Test
    void operationIdsStayUniqueWhenOneServiceReusesAName() {
        ObjectNode merged = controller.merge(List.of(fetched("notification-service", """
                { "paths": {
                    "/api/v1/notifications/preferences": { "get": { "operationId": "get", "tags": ["preference-controller"] } },
                    "/api/v1/webhooks/{id}": { "get": { "operationId": "get_1", "tags": ["webhook-controller"] } } } }
                """)));

        assertThat(operationIds(merged)).containsExactly("notificationGet", "notificationWebhookGet");
    }

    private MergedOpenApiController.Fetched fetched(String service, String document) {
        return new MergedOpenApiController.Fetched(service, (ObjectNode) json.readTree(document), null);
    }

    private static List<String> operationIds(JsonNode merged) {
        List<String> ids = new ArrayList<>();
        merged.path("paths").values().forEach(path -> path.values().forEach(op -> ids.add(op.path("operationId").asString())));
        return ids;
    }
}
