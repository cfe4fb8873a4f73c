package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A dirty, live feed over real HTTP: poison, retention, live today moved by the admin clock, a dead /offer. */
class FeedDirtIT {
    private static final String KEY = "dirt-key-7c1d";
    private static final LocalDate END = LocalDate.of(2026, 11, 23);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("x-api-key", KEY));
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aMirrorOverHttpReachesTheTruthOfAPoisonedLiveFeedRunAt0200AndAgainLater() throws Exception {
        Instant twoAm = END.atTime(2, 0).atZone(SandboxOptions.SOURCE_ZONE).toInstant();
        SandboxOptions options = SandboxOptions.builder().listings(800).days(3).endDate(END).seed(11).apiKey(KEY)
                .changesPerDay(300).clock(new SandboxClock(twoAm))
                .dirt(FeedDirt.none().withPoison(0.1).withRetentionDays(1).withLiveToday(true)).build();
        try (SandboxServer server = SandboxServer.start(options)) {
            Sandbox sandbox = server.sandbox();
            HttpFetcher fetcher = new HttpFetcher(server.baseUrl(), KEY, Duration.ofSeconds(30));
            SandboxCalendar.ChangeDay today = server.calendar().days().getLast();

            assertThat(fetcher.get("/change_id?date=" + END.minusDays(2)).get("change_id").asLong())
                    .as("past the retention").isZero();
            assertThat(fetcher.get("/change_id?date=" + END.plusDays(1)).get("change_id").asLong())
                    .as("tomorrow has not begun").isZero();

            ReferenceMirror mirror = new ReferenceMirror();
            mirror.load(fetcher);
            mirror.assertMatches(sandbox.initialGroundTruth());
            mirror.applyDay(fetcher, END.minusDays(1));
            long cursor = mirror.applyToTheEnd(fetcher, fetcher.get("/change_id?date=" + END).get("change_id").asLong());
            assertThat(cursor).as("the night's events only").isGreaterThan(today.firstChangeId())
                    .isLessThan(today.lastChangeId());
            // the mirror never read day 1 (past the retention): compare the listings day 1 did not touch
            assertThat(mirrorDifferences(mirror, sandbox)).isEmpty();

            HttpResponse<String> moved = post(server.adminUrl() + "/clock?now=" + END + "T23:59:59%2B03:00");
            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(ReferenceMirror.MAPPER.readTree(moved.body()).get("now").asText())
                    .isEqualTo("2026-11-23T20:59:59Z");
            assertThat(post(server.adminUrl() + "/clock?now=yesterday").statusCode()).isEqualTo(400);
            long end = mirror.applyToTheEnd(fetcher, cursor);
            assertThat(end).isEqualTo(today.lastChangeId() + 1);
            assertThat(mirrorDifferences(mirror, sandbox)).isEmpty();

            String lines = get(server.adminUrl() + "/poisoned?date=" + END).body();
            assertThat(Arrays.stream(lines.split("\n")).filter(l -> !l.isBlank()).toList())
                    .isEqualTo(sandbox.poisonedItems(END).map(PoisonedItem::toJsonLine).toList())
                    .anyMatch(l -> l.contains("\"endpoint\":\"/offers\""))
                    .anyMatch(l -> l.contains("\"endpoint\":\"/changes\""));
            JsonNode stats = ReferenceMirror.MAPPER.readTree(get(server.adminUrl() + "/stats").body());
            assertThat(stats.get("poisoned").asLong()).isPositive();
            assertThat(stats.get("offer_errors").asLong()).isZero();
            assertThat(fetcher.serverErrors).isZero();
        }
    }

    /**
     * The mirror against the truth of the last day, for the listings day 1 (which it never read) did not touch: those
     * must match exactly; the others exist in both.
     */
    private static List<String> mirrorDifferences(ReferenceMirror mirror, Sandbox sandbox) {
        SandboxCalendar.ChangeDay first = sandbox.calendar().days().getFirst();
        var touchedOnDay1 = new HashSet<String>();
        for (long id = first.firstChangeId(); id <= first.lastChangeId(); id++) {
            touchedOnDay1.add(sandbox.innerId(sandbox.feed().key(sandbox.feed().positionOf(id))));
        }
        ReferenceMirror rest = new ReferenceMirror();
        mirror.rows.forEach((id, row) -> {
            if (!touchedOnDay1.contains(id)) {
                rest.rows.put(id, row);
            }
        });
        try {
            rest.assertMatches(sandbox.groundTruth(END).filter(e -> !touchedOnDay1.contains(e.innerId())));
            return List.of();
        } catch (AssertionError e) {
            return List.of(e.getMessage());
        }
    }

    @Test
    void aDeadOfferAnswers503WhileTheRestOfTheFeedAnswersAndTheClockOfTheSystemCannotBeSet() throws Exception {
        SandboxOptions options = SandboxOptions.builder().listings(100).days(1).endDate(END).seed(3).apiKey(KEY)
                .changesPerDay(50).faults(SandboxFaults.none().withOfferErrorRate(1)).build();
        try (SandboxServer server = SandboxServer.start(options)) {
            String innerId = server.groundTruth(END).findFirst().orElseThrow().innerId();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> offer = get(server.baseUrl() + "/offer?inner_id=" + innerId);
                assertThat(offer.statusCode()).isEqualTo(503);
                assertThat(offer.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("html"));
            }
            assertThat(get(server.baseUrl() + "/offers?page=1").statusCode()).isEqualTo(200);
            assertThat(get(server.baseUrl() + "/change_id?date=" + END).statusCode()).isEqualTo(200);
            assertThat(server.stats().offerErrors()).isEqualTo(5);
            assertThat(get(server.adminUrl() + "/clock").body()).contains("\"settable\":false");
            assertThat(post(server.adminUrl() + "/clock?now=2026-11-23T02:00:00Z").statusCode()).isEqualTo(409);
        }
    }
}
