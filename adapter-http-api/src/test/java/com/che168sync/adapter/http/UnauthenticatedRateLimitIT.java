package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limit for requests without a valid token, per client address, on the real server. */
class UnauthenticatedRateLimitIT {
    private static final String[] NO_TOKEN = new String[0];

    @Test
    void requestsWithoutAValidTokenGet429WithRetryAfterPerAddressLoggedOncePerWindowWithoutTheToken()
            throws Exception {
        try (LogCapture logs = new LogCapture(); TestApi api = new TestApi(100_000, 100_000, List.of(), 1, 3)) {
            // the burst (3): missing, malformed and unknown tokens all count, and are answered 401
            assertThat(api.get("/offers", NO_TOKEN).statusCode()).isEqualTo(401);
            assertThat(api.get("/offers", "Authorization", "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
            assertThat(api.get("/stats", "X-API-Key", "UnknownToken0001").statusCode()).isEqualTo(401);

            HttpResponse<String> refused = api.get("/offers", "X-API-Key", "UnknownToken0002");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            JsonNode error = TestApi.json(refused).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limited");
            assertThat(error.path("message").asText()).contains("without a valid token").contains("retry after 1 s");
            assertThat(error.path("parameter").isNull()).isTrue();
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/offers/1", "Authorization", "Bearer UnknownToken0003").statusCode())
                        .isEqualTo(429);
            }

            // a valid token from the same address is limited by its own bucket only; /health by nothing
            assertThat(api.get("/offers?limit=1").statusCode()).isEqualTo(200);
            for (int i = 0; i < 10; i++) {
                assertThat(api.get("/health", NO_TOKEN).statusCode()).isEqualTo(200);
            }

            // another client address has its own bucket (any 127/8 address is this machine)
            HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName("127.0.0.2")).build();
            HttpResponse<String> fromOther = other.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.server.port() + "/offers")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fromOther.statusCode()).isEqualTo(401);

            // the bucket refills at the rate: one more request a second
            api.clock.advance(Duration.ofSeconds(1));
            assertThat(api.get("/offers", NO_TOKEN).statusCode()).isEqualTo(401);
            assertThat(api.get("/offers", NO_TOKEN).statusCode()).isEqualTo(429);

            // seven refusals, one log line: it names the address, never a token
            assertThat(warnings(logs)).hasSize(1).first().asString().contains("unauthenticated client 127.0.0.1")
                    .contains("more than 3 requests without a valid token");
            // a minute later the next refusal is logged again
            api.clock.advance(Duration.ofSeconds(61));
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/offers", "X-API-Key", "UnknownToken0004").statusCode()).isEqualTo(401);
            }
            assertThat(api.get("/offers", "X-API-Key", "UnknownToken0005").statusCode()).isEqualTo(429);
            assertThat(warnings(logs)).hasSize(2);
            assertThat(RateLimitIT.operationsGrepFinds(warnings(logs))).as("docs/OPERATIONS.md's grep finds them")
                    .isTrue();
            assertThat(String.join("\n", logs.lines())).doesNotContain("UnknownToken000", "dXNlcjpwYXNz",
                    TestApi.TOKEN);

            String metrics = api.get("/metrics").body();
            assertThat(metrics).contains("che168_api_rate_limited_total 8")
                    .contains("che168_api_unauthorized_total 8");
        }
    }

    private static List<String> warnings(LogCapture logs) {
        return logs.lines().stream().filter(l -> l.contains("Rate limit exceeded by unauthenticated")).toList();
    }
}
