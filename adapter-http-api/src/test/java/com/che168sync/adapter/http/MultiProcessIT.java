package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two API servers over one database, as behind a proxy: each with its own data version, response cache, token cache
 * and rate limits. They give the same ETags and bodies, understand each other's cursors and tags, and both show a
 * change within the version check interval.
 */
class MultiProcessIT {
    private static final String AUTH = "Bearer " + TestApi.TOKEN;
    private static TestApi api;
    private static ApiServer other;

    @BeforeAll
    static void start() {
        api = new TestApi().withListings(500, 10);
        other = api.anotherServer();
    }

    @AfterAll
    static void stop() {
        other.close();
        api.close();
    }

    @Test
    void theSameRequestGetsTheSameTagAndBodyFromEitherProcess() {
        for (String path : new String[] {"/offers?sort=-price&limit=7&year_from=2012", "/offers/900000010",
                "/filters", "/changes?since=bjEuMTAw&limit=3"}) {
            HttpResponse<String> one = api.get(path);
            HttpResponse<String> two = api.get(other, path, "Authorization", AUTH);
            assertThat(one.statusCode()).as(path).isIn(200, 410);
            assertThat(two.statusCode()).as(path).isEqualTo(one.statusCode());
            assertThat(two.body()).as(path).isEqualTo(one.body());
            assertThat(two.headers().firstValue("ETag")).as(path).isEqualTo(one.headers().firstValue("ETag"));
            one.headers().firstValue("ETag").ifPresent(tag -> assertThat(api.get(other, path, "Authorization", AUTH,
                    "If-None-Match", tag).statusCode()).as(path).isEqualTo(304));
        }
    }

    @Test
    void aCursorOfOneProcessContinuesOnTheOther() {
        JsonNode first = TestApi.json(api.get("/offers?sort=year&limit=10"));
        String cursor = URLEncoder.encode(first.at("/meta/next_cursor").asText(), StandardCharsets.UTF_8);
        HttpResponse<String> onOther = api.get(other, "/offers?sort=year&limit=10&cursor=" + cursor,
                "Authorization", AUTH);
        HttpResponse<String> onSame = api.get("/offers?sort=year&limit=10&cursor=" + cursor);
        assertThat(onOther.statusCode()).isEqualTo(200);
        assertThat(onOther.body()).isEqualTo(onSame.body());

        JsonNode feed = TestApi.json(api.get("/changes?since=bjEuMA&limit=50"));
        String since = feed.at("/meta/next_since").asText();
        JsonNode next = TestApi.json(api.get(other, "/changes?limit=50&since=" + since, "Authorization", AUTH));
        assertThat(next.get("result").get(0).get("inner_id").asText()).isEqualTo(
                TestApi.json(api.get("/changes?since=bjEuMA&limit=51")).get("result").get(50).get("inner_id")
                        .asText());
    }

    @Test
    void bothProcessesShowAChangeWithinTheInterval() {
        String path = "/offers/900000020";
        api.dsl.execute("UPDATE processed_data SET is_active = true WHERE inner_id = '900000020'");
        api.clock.advance(Duration.ofSeconds(1));
        String before = api.get(path).headers().firstValue("ETag").orElseThrow();
        assertThat(api.get(other, path, "Authorization", AUTH).headers().firstValue("ETag")).hasValue(before);
        api.dsl.execute("UPDATE processed_data SET normalized_data = normalized_data || '{\"price\": 7}' "
                + "WHERE inner_id = '900000020'");
        api.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> one = api.get(path);
        HttpResponse<String> two = api.get(other, path, "Authorization", AUTH);
        assertThat(TestApi.json(one).at("/data/price").asLong()).isEqualTo(7);
        assertThat(two.body()).isEqualTo(one.body());
        assertThat(two.headers().firstValue("ETag")).isEqualTo(one.headers().firstValue("ETag"))
                .isNotEqualTo(java.util.Optional.of(before));
    }
}
