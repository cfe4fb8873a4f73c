package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS, gzip, /stats, /health, /metrics, unknown routes and methods. */
class ServerBehaviourIT {
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = new TestApi().withListings(300, 10);
        api.dsl.execute("INSERT INTO sync_state (last_successful_date, last_change_id) VALUES (date '2026-11-22', 77)");
        api.dsl.execute("INSERT INTO operations_log (operation_type, started_at, duration, status, details, stats) "
                + "VALUES ('data_fetch', now() - interval '1 hour', 12.5, 'OK', 'fetched 300', '{\"fetched\": 300}'),"
                + " ('normalization', now() - interval '50 minutes', 3.25, 'ERROR', "
                + "'database db-7.internal:5432 refused: FATAL password authentication failed for user \"che\"', "
                + "'{\"failed\": 1, \"complete\": false, \"last_error\": \"GET https://api.example.com/changes?"
                + "access_name=partner7 failed\"}')");
        api.dsl.execute("INSERT INTO raw_data (inner_id, data, source, is_processed) VALUES ('5', '{}', "
                + "'daily_update', false), ('6', '{}', 'daily_update', false)");
        api.dsl.execute("UPDATE raw_data SET normalize_error = 'bad year' WHERE inner_id = '6'");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void corsAllowsTheConfiguredOriginOnlyAndAnswersPreflights() throws Exception {
        HttpResponse<String> allowed = api.get("/offers", "Authorization", "Bearer " + TestApi.TOKEN,
                "Origin", "https://cars.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://cars.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("RateLimit-Remaining");
        HttpResponse<String> other = api.get("/offers", "Authorization", "Bearer " + TestApi.TOKEN,
                "Origin", "https://evil.example.com");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> preflight = api.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + api.server.port() + "/offers"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://cars.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization", "X-API-Key");
        HttpResponse<String> badPreflight = api.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + api.server.port() + "/offers"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badPreflight.statusCode()).isEqualTo(403);
    }

    @Test
    void largeBodiesAreGzippedWhenTheClientAcceptsIt() throws Exception {
        HttpResponse<byte[]> r = api.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + api.server.port() + "/offers?limit=50"))
                .header("X-API-Key", TestApi.TOKEN).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(TestApi.JSON.readTree(body).get("result").size()).isEqualTo(50);
        assertThat(api.get("/offers?limit=50").headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void statsCountTheDataAndShowTheLastRuns() {
        JsonNode stats = TestApi.json(api.get("/stats"));
        long active = api.value(Long.class, "SELECT count(*) FROM processed_data WHERE is_active");
        assertThat(stats.at("/listings/active").asLong()).isEqualTo(active);
        assertThat(stats.at("/listings/inactive").asLong()).isEqualTo(300 - active);
        assertThat(stats.at("/listings/pending_normalization").asLong()).isEqualTo(1);
        assertThat(stats.at("/listings/failed_normalization").asLong()).isEqualTo(1);
        assertThat(stats.at("/last_successful_sync").asText()).isEqualTo("2026-11-22");
        assertThat(stats.at("/last_runs/0/operation_type").asText()).isEqualTo("normalization");
        assertThat(stats.at("/last_runs/0/status").asText()).isEqualTo("ERROR");
        assertThat(stats.at("/last_runs/1/stats/fetched").asInt()).isEqualTo(300);
        assertThat(stats.at("/last_runs/1/duration_seconds").asDouble()).isEqualTo(12.5);
    }

    @Test
    void statsShowTokenHoldersCountsButNoInternalDetail() {
        HttpResponse<String> r = api.get("/stats");
        JsonNode run = TestApi.json(r).at("/last_runs/0");
        assertThat(run.at("/stats/failed").asInt()).isEqualTo(1);
        assertThat(run.at("/stats/complete").isBoolean()).isTrue();
        assertThat(run.has("details")).isFalse();
        assertThat(r.body()).doesNotContain("db-7.internal", "5432", "password", "https://", "access_name",
                "partner7", "last_error");
    }

    @Test
    void healthSaysTheDatabaseIsUpAndHowFreshTheDataIs() {
        HttpResponse<String> r = api.get("/health", new String[0]);
        JsonNode health = TestApi.json(r);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("last_successful_sync").asText()).isEqualTo("2026-11-22");
        assertThat(health.get("sync_age_days").asInt()).isEqualTo(1);
    }

    @Test
    void metricsAreInPrometheusTextWithRequestsLatencyRefusalsAndJobs() {
        api.get("/offers?limit=1");
        api.get("/offers", "X-API-Key", "UnknownToken0001");
        HttpResponse<String> r = api.get("/metrics");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("che168_api_requests_total{route=\"/offers\",status=\"200\"}")
                .contains("che168_api_request_duration_seconds_bucket{route=\"/offers\",le=\"0.02\"}")
                .contains("che168_api_unauthorized_total ")
                .contains("che168_api_rate_limited_total 0")
                .contains("che168_job_runs_total{operation_type=\"normalization\",status=\"ERROR\"} 1")
                .contains("che168_job_last_duration_seconds{operation_type=\"data_fetch\",status=\"OK\"} 12.5");
        assertThat(r.body()).doesNotContain("UnknownToken0001");
    }

    @Test
    void unknownRoutesAndMethodsGetTheJsonShape() throws Exception {
        HttpResponse<String> missing = api.get("/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestApi.json(missing).at("/error/code").asText()).isEqualTo("not_found");
        HttpResponse<String> post = api.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + api.server.port() + "/offers"))
                .header("X-API-Key", TestApi.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(TestApi.json(post).at("/error/code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void badNumbersNameTheirParameter() throws IOException {
        for (String[] c : new String[][] {{"year_from=abc", "year_from"}, {"limit=1000000000", "limit"},
                {"limit=0", "limit"}, {"sort=cheapest", "sort"}, {"price_to=99999999999999999999", "price_to"},
                {"year_from=2020&year_to=2010", "year_to"}, {"mark=a&mark=b", "mark"}, {"seller=robot", "seller"},
                {"engine_type=steam", "engine_type"}, {"q=ab", "q"}, {"page=0", "page"}, {"mark=%FF", "mark"}}) {
            HttpResponse<String> r = api.get("/offers?" + c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(TestApi.json(r).at("/error/parameter").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }
}
