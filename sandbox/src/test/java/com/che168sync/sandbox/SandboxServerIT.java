package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed over real HTTP on loopback. */
class SandboxServerIT {
    private static final String KEY = "it-key-5f2e";
    private static final LocalDate END = LocalDate.of(2026, 11, 23);
    private static SandboxServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.builder().listings(2_000).days(3).endDate(END).seed(42)
                .apiKey(KEY).changesPerDay(500).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String url, String headerKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (headerKey != null) {
            b.header("x-api-key", headerKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> res) throws Exception {
        return ReferenceMirror.MAPPER.readTree(res.body());
    }

    @Test
    void aRequestWithoutOrWithAWrongKeyIsRefusedWithJson401() throws Exception {
        HttpResponse<byte[]> none = get(server.baseUrl() + "/offers?page=1", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("message").asText()).isNotBlank();
        HttpResponse<byte[]> wrong = get(server.baseUrl() + "/offers?page=1", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("Invalid API key");
        assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
        assertThat(get(server.baseUrl() + "/offers?page=1&api_key=bad", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theKeyIsAcceptedAsHeaderOrQueryParameter() throws Exception {
        HttpResponse<byte[]> header = get(server.baseUrl() + "/offers?page=1", KEY);
        HttpResponse<byte[]> query = get(server.baseUrl() + "/offers?page=1&api_key=" + KEY, null);
        assertThat(header.statusCode()).isEqualTo(200);
        assertThat(header.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(query.body()).isEqualTo(header.body());
        JsonNode page = json(header);
        assertThat(page.get("result")).hasSize(20);
        assertThat(page.get("meta").get("page").asLong()).isEqualTo(1);
        assertThat(page.get("meta").get("next_page").asLong()).isEqualTo(2);
        assertThat(page.get("meta").get("limit").asInt()).isEqualTo(20);
        JsonNode item = page.get("result").get(0);
        assertThat(item.get("change_type").asText()).isEqualTo("added");
        assertThat(item.get("data").get("inner_id").asText()).isEqualTo(item.get("inner_id").asText());
    }

    @Test
    void theLastPageEndsTheCatalogue() throws Exception {
        long pages = server.calendar().pages();
        JsonNode last = json(get(server.baseUrl() + "/offers?page=" + pages, KEY));
        JsonNode next = last.get("meta").get("next_page");
        assertThat(next == null || next.isNull() || next.asLong() == 0).isTrue();
        assertThat(last.get("result").size()).isBetween(1, 20);
        JsonNode past = json(get(server.baseUrl() + "/offers?page=" + (pages + 5), KEY));
        assertThat(past.get("result")).isEmpty();
    }

    @Test
    void badParametersAre400WithJsonAndUnknownPathsAre404() throws Exception {
        for (String q : List.of("/offers", "/offers?page=abc", "/offers?page=0", "/changes", "/change_id?date=yesterday",
                "/offer", "/offers?page=1&year_from=new")) {
            HttpResponse<byte[]> res = get(server.baseUrl() + q, KEY);
            assertThat(res.statusCode()).as(q).isEqualTo(400);
            assertThat(json(res).get("message").asText()).as(q).isNotBlank();
        }
        assertThat(get(server.baseUrl() + "/nothing", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void changeIdAndChangesFollowTheCalendar() throws Exception {
        SandboxCalendar.ChangeDay day = server.calendar().days().get(1);
        JsonNode id = json(get(server.baseUrl() + "/change_id?date=" + day.date(), KEY));
        assertThat(id.get("change_id").asLong()).isEqualTo(day.firstChangeId());
        JsonNode page = json(get(server.baseUrl() + "/changes?change_id=" + day.firstChangeId(), KEY));
        assertThat(page.get("result")).hasSize(20);
        assertThat(page.get("result").get(0).get("id").asLong()).isEqualTo(day.firstChangeId());
        assertThat(page.get("meta").get("cur_change_id").asLong()).isEqualTo(day.firstChangeId());
        assertThat(page.get("meta").get("next_change_id").asLong()).isEqualTo(day.firstChangeId() + 20);
        JsonNode end = json(get(server.baseUrl() + "/changes?change_id=" + server.calendar().endOfFeedId(), KEY));
        assertThat(end.get("result")).isEmpty();
        JsonNode after = json(get(server.baseUrl() + "/change_id?date=" + END.plusDays(1), KEY));
        assertThat(after.get("change_id").asLong()).isEqualTo(server.calendar().endOfFeedId());
    }

    @Test
    void offerAnswersBareOrWrappedAnd404ForSomeRemovedOnes() throws Exception {
        int bare = 0;
        int wrapped = 0;
        for (GroundTruthEntry e : server.groundTruth(END).limit(200).toList()) {
            HttpResponse<byte[]> res = get(server.baseUrl() + "/offer?inner_id=" + e.innerId(), KEY);
            if (e.active()) {
                assertThat(res.statusCode()).as(e.innerId()).isEqualTo(200);
            }
            if (res.statusCode() == 200) {
                JsonNode doc = json(res);
                JsonNode data = doc.has("result") ? doc.get("result").get(0).get("data") : doc;
                if (doc.has("result")) {
                    wrapped++;
                } else {
                    bare++;
                }
                assertThat(data.get("inner_id").asText()).isEqualTo(e.innerId());
                assertThat(data).isEqualTo(ReferenceMirror.MAPPER.readTree(e.dataJson()));
            } else {
                assertThat(res.statusCode()).isEqualTo(404);
                assertThat(json(res).get("message").asText()).isNotBlank();
            }
        }
        assertThat(bare).isPositive();
        assertThat(wrapped).isPositive();
        assertThat(get(server.baseUrl() + "/offer?inner_id=1", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void offersCanBeFilteredAsDocumented() throws Exception {
        JsonNode page = json(get(server.baseUrl() + "/offers?page=1&mark=bmw&year_from=2018", KEY));
        assertThat(page.get("result")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("data").get("mark").asText()).isEqualTo("BMW");
            assertThat(Integer.parseInt(item.get("data").get("year").asText())).isGreaterThanOrEqualTo(2018);
        });
    }

    @Test
    void filtersListTheCatalogueValues() throws Exception {
        JsonNode filters = json(get(server.baseUrl() + "/filters", KEY));
        assertThat(filters.get("mark").get("BMW").get("model")).isNotEmpty();
        assertThat(filters.get("transmission_type")).isNotEmpty();
        assertThat(filters.get("color")).isNotEmpty();
        assertThat(filters.get("body_type")).isNotEmpty();
        assertThat(filters.get("engine_type")).isNotEmpty();
    }

    @Test
    void theAdminEndpointsServeCalendarAndGroundTruthWithoutTheKey() throws Exception {
        HttpResponse<byte[]> calendar = get(server.adminUrl() + "/calendar", null);
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(json(calendar).get("days")).hasSize(3);
        HttpResponse<byte[]> truth = get(server.adminUrl() + "/ground-truth?date=" + END, null);
        assertThat(truth.statusCode()).isEqualTo(200);
        String body = new String(truth.body(), StandardCharsets.UTF_8);
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize((int) server.groundTruth(END).count());
        assertThat(lines.get(0)).isEqualTo(server.groundTruth(END).findFirst().orElseThrow().toJsonLine());
        assertThat(body).doesNotContain(KEY);
        assertThat(get(server.adminUrl() + "/ground-truth?date=initial", null).statusCode()).isEqualTo(200);
        assertThat(get(server.adminUrl() + "/ground-truth", null).statusCode()).isEqualTo(400);
        assertThat(new String(get(server.adminUrl() + "/stats", null).body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
    }

    @Test
    void aMirrorReadingTheFeedOverHttpReachesTheGroundTruth() {
        HttpFetcher fetcher = new HttpFetcher(server.baseUrl(), KEY, java.time.Duration.ofSeconds(10));
        ReferenceMirror mirror = new ReferenceMirror();
        mirror.replayAndCheck(fetcher, server.sandbox());
    }

    @Test
    void aPortInUseIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxServer.start(SandboxOptions.builder()
                        .listings(10).days(1).changesPerDay(10).port(server.port()).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }
}
