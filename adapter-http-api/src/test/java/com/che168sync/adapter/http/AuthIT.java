package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthIT {
    private static LogCapture logs;
    private static TestApi api;

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        api = new TestApi().withListings(50, 10);
    }

    @AfterAll
    static void stop() {
        api.close();
        logs.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "no header                |                                        | missing_token",
            "empty X-API-Key          | X-API-Key:                             | missing_token",
            "basic scheme             | Authorization:Basic dXNlcjpwYXNz       | malformed_token",
            "bearer too short         | Authorization:Bearer abc               | malformed_token",
            "bearer bad characters    | Authorization:Bearer Valid-Token-0001  | malformed_token",
            "x-api-key too long       | X-API-Key:ValidToken000001x            | malformed_token",
            "bearer unknown           | Authorization:Bearer UnknownToken0001  | invalid_token",
            "x-api-key unknown        | X-API-Key:UnknownToken0001             | invalid_token",
            "bearer revoked           | Authorization:Bearer RevokedToken0001  | invalid_token",
            "x-api-key revoked        | X-API-Key:RevokedToken0001             | invalid_token",
            "bearer expired           | Authorization:Bearer ExpiredToken0001  | expired_token",
            "x-api-key expired        | X-API-Key:ExpiredToken0001             | expired_token",
            "wrong case of valid      | X-API-Key:validtoken000001             | invalid_token",
    })
    void refusedTokensGet401WithTheJsonErrorShape(String name, String header, String code) {
        HttpResponse<String> r = header == null
                ? api.get("/offers", new String[0])
                : api.get("/offers", header.substring(0, header.indexOf(':')),
                        header.substring(header.indexOf(':') + 1));
        assertThat(r.statusCode()).as(name).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"che168-sync\"");
        assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
        JsonNode error = TestApi.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("parameter")).isTrue();
    }

    @Test
    void aValidTokenWorksInEitherHeader() {
        HttpResponse<String> bearer = api.get("/offers", "Authorization", "Bearer " + TestApi.TOKEN);
        HttpResponse<String> lowerScheme = api.get("/offers", "Authorization", "bearer " + TestApi.TOKEN);
        HttpResponse<String> apiKey = api.get("/offers", "X-API-Key", TestApi.TOKEN);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(lowerScheme.statusCode()).isEqualTo(200);
        assertThat(apiKey.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(apiKey).get("result").size()).isEqualTo(TestApi.json(bearer).get("result").size());
    }

    @Test
    void anAuthorizationHeaderOfAnotherSchemeDoesNotHideAValidApiKey() {
        HttpResponse<String> basicAndKey = api.get("/offers", "Authorization", "Basic dXNlcjpwYXNz",
                "X-API-Key", TestApi.TOKEN);
        assertThat(basicAndKey.statusCode()).isEqualTo(200);
        HttpResponse<String> basicAndBadKey = api.get("/offers", "Authorization", "Basic dXNlcjpwYXNz",
                "X-API-Key", "UnknownToken0001");
        assertThat(TestApi.json(basicAndBadKey).at("/error/code").asText()).isEqualTo("invalid_token");
        assertThat(TestApi.json(basicAndBadKey).at("/error/parameter").asText()).isEqualTo("X-API-Key");
        HttpResponse<String> badBearerAndKey = api.get("/offers", "Authorization", "Bearer UnknownToken0001",
                "X-API-Key", TestApi.TOKEN);
        assertThat(badBearerAndKey.statusCode()).as("a Bearer token counts when both are sent").isEqualTo(401);
    }

    @Test
    void everyEndpointButHealthNeedsAToken() {
        for (String path : new String[] {"/offers", "/offers/900000001", "/filters", "/stats", "/metrics",
                "/openapi", "/nothing-here"}) {
            assertThat(api.get(path, new String[0]).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> health = api.get("/health", new String[0]);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(health).get("database").asText()).isEqualTo("up");
    }

    @Test
    void lastUsedAtIsWrittenByTheBatchedFlushNotPerRequest() {
        api.get("/offers", "X-API-Key", TestApi.SECOND);
        assertThat(lastUsed("second client")).isNull();
        assertThat(api.authenticator.flushLastUsed()).isGreaterThanOrEqualTo(1);
        assertThat(lastUsed("second client")).isNotNull();
        assertThat(lastUsed("old partner")).isNull();
    }

    @Test
    void noTokenEverAppearsInTheLogs() {
        for (String t : new String[] {TestApi.TOKEN, TestApi.REVOKED, TestApi.EXPIRED, "UnknownToken0001"}) {
            api.get("/offers", "Authorization", "Bearer " + t);
            api.get("/offers?mark=" + t, "X-API-Key", t);
            api.get("/offers?" + t + "=1", "X-API-Key", t);
        }
        assertThat(String.join("\n", logs.lines())).doesNotContain(TestApi.TOKEN, TestApi.REVOKED,
                TestApi.EXPIRED, "UnknownToken0001");
    }

    private static OffsetDateTime lastUsed(String description) {
        return api.value(OffsetDateTime.class, "SELECT last_used_at FROM api_tokens WHERE description = ?",
                description);
    }
}
