package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served by /openapi describes exactly the routes and parameters the server implements. */
class OpenApiIT {
    private static TestApi api;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        api = new TestApi().withListings(30, 10);
        HttpResponse<String> r = api.get("/openapi");
        assertThat(r.statusCode()).isEqualTo(200);
        doc = TestApi.json(r);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void itIsAnOpenApi3DocumentListingEveryRouteAndNoOther() {
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> paths = new HashSet<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrderElementsOf(Routes.ALL);
        for (String path : Routes.ALL) {
            JsonNode item = doc.get("paths").get(path);
            Set<String> methods = new HashSet<>();
            item.fieldNames().forEachRemaining(methods::add);
            assertThat(methods).as(path).containsExactly("get");
        }
    }

    @Test
    void theParametersOfEachRouteAreExactlyThoseTheServerAccepts() {
        assertThat(queryParameters(Routes.OFFERS)).containsExactlyInAnyOrderElementsOf(
                OffersHttpService.SEARCH_PARAMETERS);
        assertThat(queryParameters(Routes.CHANGES)).containsExactlyInAnyOrderElementsOf(
                ChangesHttpService.PARAMETERS);
        for (String path : Routes.ALL) {
            if (!path.equals(Routes.OFFERS) && !path.equals(Routes.CHANGES)) {
                assertThat(queryParameters(path)).as(path).isEmpty();
            }
        }
        JsonNode offerParams = doc.at("/paths/~1offers~1{inner_id}/get/parameters");
        assertThat(offerParams.get(0).get("name").asText()).isEqualTo("inner_id");
        assertThat(offerParams.get(0).get("in").asText()).isEqualTo("path");
    }

    @Test
    void everyDocumentedParameterIsAcceptedByTheServerAndAnUndocumentedOneIsRefused() {
        for (String name : queryParameters(Routes.OFFERS)) {
            String value = switch (name) {
                case "sort" -> "price";
                case "seller" -> "dealer";
                case "cursor" -> null;
                case "engine_type" -> "petrol";
                case "transmission_type" -> "manual";
                case "body_type" -> "suv";
                case "drive_type" -> "awd";
                case "color" -> "red";
                case "q" -> "bmw";
                case "mark", "model", "city" -> "x";
                case "year_from", "year_to" -> "2015";
                default -> "1";
            };
            if (value != null) {
                assertThat(api.get("/offers?" + name + "=" + value).statusCode()).as(name).isEqualTo(200);
            }
        }
        HttpResponse<String> unknown = api.get("/offers?brand=BMW");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestApi.json(unknown).at("/error/parameter").asText()).isEqualTo("brand");
    }

    @Test
    void everyDocumentedRouteAnswersAndTheDocumentedStatusesExist() {
        String active = api.value(String.class, "SELECT min(inner_id) FROM processed_data WHERE is_active");
        for (String path : Routes.ALL) {
            HttpResponse<String> r = api.get(path.replace("{inner_id}", active));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Iterator<Map.Entry<String, JsonNode>> responses = doc.get("paths").get(path).get("get").get("responses")
                    .fields();
            Set<String> statuses = new HashSet<>();
            responses.forEachRemaining(e -> statuses.add(e.getKey()));
            assertThat(statuses).as(path).contains("200", "400");
            if (!Routes.PUBLIC.contains(path)) {
                assertThat(statuses).as(path).contains("401", "429");
            }
        }
        assertThat(doc.at("/paths/~1offers~1{inner_id}/get/responses/410").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1offers~1{inner_id}/get/responses/404").isMissingNode()).isFalse();
    }

    private static Set<String> queryParameters(String path) {
        Set<String> names = new HashSet<>();
        for (JsonNode p : doc.get("paths").get(path).get("get").get("parameters")) {
            if (p.has("in") && p.get("in").asText().equals("query")) {
                names.add(p.get("name").asText());
            }
        }
        return names;
    }
}
