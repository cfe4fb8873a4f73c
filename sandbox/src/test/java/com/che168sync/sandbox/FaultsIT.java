package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults over real HTTP: reproducible, transient, and never a change of the data. */
class FaultsIT {
    private static final String KEY = "faults-key";
    private static final LocalDate END = LocalDate.of(2026, 11, 23);
    private static final SandboxFaults FAULTS = SandboxFaults.none().withErrorRate(0.05).withRateLimit(0.03, 1)
            .withStall(0.01, 2_500).withTruncateRate(0.03).withBrokenMetaRate(0.02);

    private static SandboxOptions.Builder options() {
        return SandboxOptions.builder().listings(4_000).days(2).endDate(END).seed(42).apiKey(KEY).changesPerDay(400);
    }

    @Test
    void aMirrorRetryingTransientFaultsReachesExactlyTheGroundTruth() {
        try (SandboxServer server = SandboxServer.start(options().faults(FAULTS).build())) {
            HttpFetcher fetcher = new HttpFetcher(server.baseUrl(), KEY, Duration.ofMillis(1_000));
            ReferenceMirror mirror = new ReferenceMirror();
            mirror.replayAndCheck(fetcher, server.sandbox());
            SandboxStats stats = server.stats();
            assertThat(stats.errors()).isPositive();
            assertThat(stats.rateLimited()).isPositive();
            assertThat(stats.truncated()).isPositive();
            assertThat(stats.brokenMeta()).isPositive();
            assertThat(stats.stalled()).isPositive();
            assertThat(fetcher.serverErrors).isEqualTo(stats.errors());
            assertThat(fetcher.rateLimited).isEqualTo(stats.rateLimited());
            // every stall times out; on a loaded machine a slow ordinary answer may time out too (retried alike)
            assertThat((long) fetcher.timeouts).isGreaterThanOrEqualTo(stats.stalled());
            assertThat(fetcher.notJson).isEqualTo(stats.truncated());
        }
    }

    @Test
    void theSameSeedAndRequestOrderMeetTheSameFaultsAndEveryCorrectAnswerIsTheFaultFreeOne() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        byte[] clean;
        try (SandboxServer server = SandboxServer.start(options().build())) {
            clean = get(server, "/offers?page=3").body();
        }
        for (List<String> trace : List.of(first, second)) {
            try (SandboxServer server = SandboxServer.start(options().faults(FAULTS.withStall(0, 0)).build())) {
                for (int i = 0; i < 150; i++) {
                    HttpResponse<byte[]> res = get(server, "/offers?page=3");
                    trace.add(res.statusCode() + ":" + res.body().length);
                    if (res.statusCode() == 200 && !java.util.Arrays.equals(res.body(), clean)) {
                        byte[] body = res.body();
                        boolean truncated = body.length < clean.length
                                && java.util.Arrays.equals(body, 0, body.length, clean, 0, body.length);
                        if (!truncated) {
                            // a broken meta: the same listings, only meta differs
                            assertThat(ReferenceMirror.MAPPER.readTree(body).get("result"))
                                    .isEqualTo(ReferenceMirror.MAPPER.readTree(clean).get("result"));
                        }
                    }
                }
                assertThat(server.stats().faults()).isPositive();
            }
        }
        assertThat(second).isEqualTo(first);
        assertThat(first).anyMatch(s -> s.startsWith("500:") || s.startsWith("502:"))
                .anyMatch(s -> s.startsWith("429:"));
    }

    @Test
    void errorsCarryHtmlAndRateLimitsCarryRetryAfter() throws Exception {
        try (SandboxServer server = SandboxServer.start(options().faults(SandboxFaults.none().withErrorRate(0.5)
                .withRateLimit(0.5, 7)).build())) {
            boolean sawError = false;
            boolean sawLimit = false;
            for (int i = 0; i < 40; i++) {
                HttpResponse<byte[]> res = get(server, "/filters");
                if (res.statusCode() == 429) {
                    assertThat(res.headers().firstValue("retry-after")).hasValue("7");
                    sawLimit = true;
                } else {
                    assertThat(res.statusCode()).isIn(500, 502);
                    assertThat(new String(res.body())).startsWith("<html>");
                    assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/html");
                    sawError = true;
                }
            }
            assertThat(sawError).isTrue();
            assertThat(sawLimit).isTrue();
        }
    }

    @Test
    void latencyDelaysEveryFeedAnswer() throws Exception {
        try (SandboxServer server = SandboxServer.start(options().faults(SandboxFaults.none().withLatencyMs(120)).build())) {
            get(server, "/filters");
            long t = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(get(server, "/change_id?date=" + END).statusCode()).isEqualTo(200);
            }
            assertThat((System.nanoTime() - t) / 1_000_000).isGreaterThanOrEqualTo(5 * 120);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> get(SandboxServer server, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).header("x-api-key", KEY)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
