package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.application.retry.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry policy around the real client over real HTTP: each fault is retried as its type says. */
class RetryOverHttpIT {
    private MockWebServer server;
    private Che168Source source;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private RetryPolicy policy;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        source = Che168Source.create(Che168SourceFixtureIT.settings(server, Duration.ofMillis(500)));
        Sleeper fake = sleeps::add;
        policy = new RetryPolicy(RetrySettings.defaults(), fake, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                RetryListener.logging(warnings::add, errors::add));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
        assertThat(warnings).noneMatch(l -> l.contains(Che168SourceFixtureIT.KEY));
        assertThat(errors).noneMatch(l -> l.contains(Che168SourceFixtureIT.KEY));
    }

    private void enqueue(int code, String fixture) {
        server.enqueue(new MockResponse.Builder().code(code).body(new Buffer().write(Fixtures.bytes(fixture))).build());
    }

    @Test
    void everyTransientFaultIsRetriedUntilThePageArrives() {
        enqueue(502, "error-502.html");
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1800").build());
        enqueue(200, "offers-truncated.json");
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build());
        enqueue(200, "offers-broken-meta.json");
        enqueue(200, "offers-page-1.json");

        OfferPage page = policy.call("page 1", () -> source.fetchOfferPage(1));

        assertThat(page.offers()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(12), Duration.ofMinutes(30), Duration.ofMinutes(12),
                Duration.ofMinutes(12), Duration.ofMinutes(12));
        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).startsWith("Attempt 1/20 of page 1 failed: the source answered HTTP 502: 502 Bad Gateway");
        assertThat(warnings.get(1)).contains("HTTP 429").endsWith("next attempt in 30 min");
        assertThat(errors).isEmpty();
    }

    @Test
    void badKeyIsNotRetried() {
        enqueue(401, "error-401.json");

        assertThatThrownBy(() -> policy.call("page 1", () -> source.fetchOfferPage(1)))
                .isInstanceOf(SourceAuthException.class);
        assertThat(sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(errors).singleElement().asString().contains("Invalid API key").endsWith("(not retried)");
    }

    @Test
    void aStalledCursorIsRetriedThenGivenUpOn() {
        for (int i = 0; i < 20; i++) {
            enqueue(200, "changes-stalled.json");
        }

        assertThatThrownBy(() -> policy.call("changes from 892151", () -> source.fetchChanges(892151)))
                .isInstanceOf(RetriesExhaustedException.class)
                .hasMessageContaining("gave up after 20 attempts")
                .hasMessageContaining("stalled");
        assertThat(server.getRequestCount()).isEqualTo(20);
        assertThat(sleeps).hasSize(19);
        assertThat(errors).hasSize(1);
    }
}
