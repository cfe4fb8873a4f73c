package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.adapter.postgres.normalize.PostgresNormalizationRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.normalize.NormalizeService;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /changes across real normalize runs (the product's normalizer, two writer threads, small batches) with adds,
 * changes and removals: a client that takes a snapshot with /offers and then follows /changes ends with exactly the
 * active set /offers serves, document for document, also while a run writes as it follows; and no answer, kept or
 * not, is older than the data version check interval.
 */
class ChangesFeedIT {
    private TestApi api;
    private NormalizeService normalizer;

    @BeforeEach
    void start() {
        api = new TestApi();
        PostgresNormalizationRepository repository = new PostgresNormalizationRepository(api.dataSource);
        normalizer = new NormalizeService(repository, repository, new JooqOperationLogRepository(api.dsl),
                new PostgresJobLockRepository(api.dataSource), api.clock, JobReporter.SILENT, 2,
                Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aFollowerOfTheFeedEndsWithExactlyTheActiveSetOfOffers() {
        raw(1, 30, 100_000, true);
        normalize();
        Follower follower = new Follower(sinceNow());
        follower.snapshot();
        assertThat(follower.listings).hasSize(30);

        raw(31, 40, 200_000, true);       // 10 added
        raw(1, 5, 150_000, true);         // 5 changed
        raw(6, 10, 100_000, false);       // 5 removed
        normalize();
        Map<String, Integer> kinds = follower.follow(7);
        assertThat(kinds).containsEntry("added", 10).containsEntry("changed", 5).containsEntry("removed", 5);
        assertThat(follower.listings).isEqualTo(activeOffers());

        raw(6, 7, 120_000, true);         // 2 back on che168
        raw(31, 33, 210_000, true);       // 3 changed again
        raw(11, 20, 100_000, false);      // 10 removed
        raw(41, 45, 300_000, false);      // 5 unknown listings arrive removed
        normalize();
        follower.follow(4);
        assertThat(follower.listings).isEqualTo(activeOffers()).hasSize(40 - 5 + 2 - 10);

        raw(1, 45, 999_000, true);        // everything changes, everything is back
        normalize();
        assertThat(follower.follow(1000)).as("41..45 were known (removed) before: changed, not added")
                .containsOnly(Map.entry("changed", 45));
        assertThat(follower.listings).isEqualTo(activeOffers()).hasSize(45);
        assertThat(follower.follow(10)).as("nothing new: an empty page").isEmpty();
    }

    @Test
    void aFollowerPollingWhileNormalizeWritesMissesNothing() throws Exception {
        raw(1, 100, 100_000, true);
        normalize();
        Follower follower = new Follower(sinceNow());
        follower.snapshot();
        raw(101, 400, 200_000, true);
        raw(1, 100, 300_000, true);
        raw(50, 80, 300_000, false);
        CompletableFuture<Void> run = CompletableFuture.runAsync(this::normalize);
        while (!run.isDone()) {
            follower.follow(25);
        }
        run.get(60, TimeUnit.SECONDS);
        follower.follow(25);
        assertThat(follower.listings).isEqualTo(activeOffers()).hasSize(400 - 31);
    }

    @Test
    void noAnswerIsOlderThanTheCheckIntervalAcrossANormalizeRun() {
        raw(1, 20, 100_000, true);
        normalize();
        String detail = "/offers/" + innerId(3);
        String page = "/offers?sort=price&limit=5";
        HttpResponse<String> detailBefore = api.get(detail);
        HttpResponse<String> pageBefore = api.get(page);
        assertThat(TestApi.json(pageBefore).at("/result/0/data/price").asLong()).isEqualTo(100_001);
        raw(3, 3, 50_000, true);
        normalize();
        api.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> detailAfter = api.get(detail);
        HttpResponse<String> pageAfter = api.get(page);
        assertThat(TestApi.json(detailAfter).at("/data/price").asLong()).isEqualTo(50_003);
        assertThat(TestApi.json(pageAfter).at("/result/0/inner_id").asText()).isEqualTo(innerId(3));
        assertThat(detailAfter.headers().firstValue("ETag")).isNotEqualTo(detailBefore.headers().firstValue("ETag"));
        assertThat(api.get(page, "Authorization", "Bearer " + TestApi.TOKEN, "If-None-Match",
                pageBefore.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);
    }

    @Test
    void aCursorThatIsNotOneOfOursIsA400() {
        for (String since : new String[] {"abc", "bjEuLTE", "bjIuNQ", "x".repeat(50)}) {
            HttpResponse<String> r = api.get("/changes?since=" + since);
            assertThat(r.statusCode()).as(since).isEqualTo(400);
            assertThat(TestApi.json(r).at("/error/parameter").asText()).isEqualTo("since");
        }
        assertThat(api.get("/changes?limit=1001").statusCode()).isEqualTo(400);
        assertThat(api.get("/changes?foo=1").statusCode()).isEqualTo(400);
    }

    /** A client of the feed: its copy of the active listings. */
    private final class Follower {
        final Map<String, JsonNode> listings = new HashMap<>();
        String since;

        Follower(String since) {
            this.since = since;
        }

        void snapshot() {
            listings.putAll(activeOffers());
        }

        /** Reads the feed up to now, in pages of {@code limit}; the count of each kind of change. */
        Map<String, Integer> follow(int limit) {
            Map<String, Integer> kinds = new HashMap<>();
            api.clock.advance(Duration.ofSeconds(1));
            while (true) {
                JsonNode page = ok("/changes?limit=" + limit + "&since=" + since);
                for (JsonNode item : page.get("result")) {
                    kinds.merge(item.get("change").asText(), 1, Integer::sum);
                    if (item.get("removed").asBoolean()) {
                        assertThat(item.get("change").asText()).isEqualTo("removed");
                        assertThat(item.hasNonNull("when")).isTrue();
                        assertThat(item.has("data")).isFalse();
                        listings.remove(item.get("inner_id").asText());
                    } else {
                        listings.put(item.get("inner_id").asText(), item.get("data"));
                    }
                }
                assertThat(page.at("/meta/since").asText()).isEqualTo(since);
                since = page.at("/meta/next_since").asText();
                if (!page.at("/meta/more").asBoolean()) {
                    return kinds;
                }
                assertThat(page.get("result").size()).isEqualTo(limit);
            }
        }
    }

    private String sinceNow() {
        JsonNode now = ok("/changes");
        assertThat(now.get("result").size()).isZero();
        return now.at("/meta/next_since").asText();
    }

    /** Every active listing as /offers pages through them (cursor paging), by inner_id. */
    private Map<String, JsonNode> activeOffers() {
        Map<String, JsonNode> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = ok("/offers?sort=oldest&limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode item : page.get("result")) {
                assertThat(seen.add(item.get("inner_id").asText())).isTrue();
                out.put(item.get("inner_id").asText(), item.get("data"));
            }
            cursor = page.at("/meta/next_cursor").isNull() ? null : page.at("/meta/next_cursor").asText();
        } while (cursor != null);
        return out;
    }

    private JsonNode ok(String path) {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return TestApi.json(r);
    }

    private void normalize() {
        NormalizeResult result = normalizer.normalize(new NormalizeListingsCommand(7, 3, false, false));
        assertThat(result).isInstanceOf(NormalizeResult.Completed.class);
        assertThat(((NormalizeResult.Completed) result).withErrors()).isFalse();
    }

    private static String innerId(long n) {
        return Long.toString(70_000_000 + n);
    }

    /** Listings from..to as the source would give them, waiting for normalization (inserted or replaced). */
    private void raw(long from, long to, long price, boolean active) {
        api.dsl.execute("""
                INSERT INTO raw_data (inner_id, data, source, active_status, is_processed)
                SELECT (70000000 + n)::text, jsonb_build_object('inner_id', (70000000 + n)::text, 'mark', 'Volkswagen',
                       'model', CASE WHEN n % 2 = 0 THEN '朗逸' ELSE 'Passat' END, 'year', (2010 + n % 10)::text,
                       'price', (? + n)::text || '.00', 'km_age', (n * 1000)::text, 'engine_type', 'Бензиновый',
                       'address', '上海', 'seller_type', 'dealer', 'offer_created', '2025-11-03'),
                       'daily_update', ?, false
                  FROM generate_series(?::bigint, ?::bigint) n
                ON CONFLICT (inner_id) DO UPDATE SET data = EXCLUDED.data, active_status = EXCLUDED.active_status,
                       is_processed = false""", price, active ? 0 : 1, from, to);
    }
}
