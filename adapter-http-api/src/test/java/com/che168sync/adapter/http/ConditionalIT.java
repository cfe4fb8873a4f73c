package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ETag, Cache-Control, If-None-Match and the response cache, with the cache on and off: a current tag is answered 304
 * and a kept answer is served while every query on processed_data would wait behind a table lock (proof that neither
 * touches the database); a change of the data gives new tags and fresh bodies once the version check interval
 * passed; token, rate limit and last_used_at apply to cached answers as to others.
 */
class ConditionalIT {
    private static final List<String> DATA_PATHS = List.of("/offers?mark=bmw&sort=price&limit=5",
            "/offers/900000007", "/filters", "/changes?since=" + "bjEuMA", "/stats");

    private TestApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everyDataAnswerHasAStrongTagAndASmallMaxAgeAndACurrentTagGets304() {
        api = new TestApi().withListings(200, 10);
        api.dsl.execute("UPDATE processed_data SET is_active = true WHERE inner_id = '900000007'");
        for (String path : DATA_PATHS) {
            HttpResponse<String> first = api.get(path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            String tag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(tag).as(path).matches("\"[0-9a-z]+-[0-9a-f]{20}\"");
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("private, max-age=1");
            HttpResponse<String> again = api.get(path, "Authorization", "Bearer " + TestApi.TOKEN,
                    "If-None-Match", tag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(tag);
            assertThat(again.headers().firstValue("RateLimit-Remaining")).as("the rate limit counts 304s").isPresent();
            assertThat(api.get(path, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match",
                    "\"other\", W/" + tag).statusCode()).as("weak comparison in a list").isEqualTo(304);
            assertThat(api.get(path, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match", "\"x-" + tag
                    .substring(1)).statusCode()).isEqualTo(200);
        }
        assertThat(api.get("/offers?sort=price&limit=5&mark=bmw").headers().firstValue("ETag"))
                .as("the same request with its parameters in another order has the same tag")
                .isEqualTo(api.get(DATA_PATHS.getFirst()).headers().firstValue("ETag"));
        HttpResponse<String> gzip = api.get("/filters", "Authorization", "Bearer " + TestApi.TOKEN,
                "Accept-Encoding", "gzip");
        String plainTag = api.get("/filters").headers().firstValue("ETag").orElseThrow();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.headers().firstValue("ETag")).hasValue(plainTag.replaceAll("\"$", "-gz\""));
        assertThat(api.get("/filters", "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match",
                gzip.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
    }

    @Test
    void currentTagsAndKeptAnswersAreServedWithoutTheDatabase() throws Exception {
        api = new TestApi().withListings(200, 0);
        String path = "/offers?sort=-price&limit=20";
        HttpResponse<String> first = api.get(path);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        try (Connection c = api.dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE processed_data IN ACCESS EXCLUSIVE MODE");
            HttpResponse<String> notModified = api.get(path, "Authorization", "Bearer " + TestApi.TOKEN,
                    "If-None-Match", tag);
            assertThat(notModified.statusCode()).isEqualTo(304);
            HttpResponse<String> kept = api.get(path);
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).isEqualTo(first.body());
            CompletableFuture<HttpResponse<String>> uncached = CompletableFuture.supplyAsync(
                    () -> api.get("/offers?sort=-price&limit=21"));
            Thread.sleep(300);
            assertThat(uncached).as("a request no cache can answer waits for the database").isNotDone();
            c.rollback();
            assertThat(uncached.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aChangeOfTheDataGivesNewTagsAndFreshBodiesOnceTheCheckIntervalPassed() {
        api = new TestApi().withListings(50, 0);
        String path = "/offers/900000003";
        HttpResponse<String> before = api.get(path);
        String tag = before.headers().firstValue("ETag").orElseThrow();
        api.dsl.execute("UPDATE processed_data SET normalized_data = normalized_data || '{\"price\": 1}' "
                + "WHERE inner_id = '900000003'");
        api.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> after = api.get(path, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match", tag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(after).at("/data/price").asLong()).isEqualTo(1);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(tag);
        api.dsl.execute("UPDATE processed_data SET normalizer_version = normalizer_version WHERE inner_id = "
                + "'900000003'");
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.get(path).headers().firstValue("ETag")).as("a write that changes nothing keeps the tag")
                .isEqualTo(after.headers().firstValue("ETag"));
    }

    @Test
    void withTheCacheOffTagsAnd304StillWorkAndEveryOtherAnswerComesFromTheDatabase() throws Exception {
        api = new TestApi(new ApiServerConfig.Cache(false, 1 << 20, Duration.ofSeconds(5))).withListings(100, 0);
        String path = "/offers?sort=year&limit=10";
        HttpResponse<String> first = api.get(path);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, max-age=5");
        try (Connection c = api.dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE processed_data IN ACCESS EXCLUSIVE MODE");
            assertThat(api.get(path, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match", tag).statusCode())
                    .isEqualTo(304);
            CompletableFuture<HttpResponse<String>> again = CompletableFuture.supplyAsync(() -> api.get(path));
            Thread.sleep(300);
            assertThat(again).as("no answer is kept").isNotDone();
            c.rollback();
            HttpResponse<String> second = again.get(10, TimeUnit.SECONDS);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.headers().firstValue("ETag")).hasValue(tag);
        }
    }

    @Test
    void keptAnswersNeedAValidTokenCountAgainstTheRateLimitAndMarkTheTokenUsed() {
        api = new TestApi(1, 3, List.of()).withListings(30, 0);
        String path = "/offers?limit=5";
        HttpResponse<String> first = api.get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(api.get(path, "X-API-Key", TestApi.REVOKED).statusCode()).isEqualTo(401);
        assertThat(api.get(path, new String[0]).statusCode()).isEqualTo(401);
        assertThat(api.get(path, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match",
                first.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        assertThat(api.get(path).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = api.get(path);
        assertThat(limited.statusCode()).as("the 4th request of a burst of 3, kept answer or not").isEqualTo(429);
        api.authenticator.flushLastUsed();
        assertThat(api.value(Boolean.class, "SELECT last_used_at IS NOT NULL FROM api_tokens WHERE token = ?",
                TestApi.TOKEN)).isTrue();
    }
}
