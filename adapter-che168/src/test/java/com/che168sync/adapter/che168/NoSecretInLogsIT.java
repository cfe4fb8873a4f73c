package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.che168sync.application.port.out.source.SourceException;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while the client works with a known key (at TRACE through SLF4J/logback and at FINEST
 * through java.util.logging, where OkHttp logs) is scanned: the key never appears, even when the source echoes
 * it back in an error body.
 */
class NoSecretInLogsIT {
    private static final String KEY = "LogScanKey-7f3a9c1e5b2d4680";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private Logger root;
    private Level rootLevel;
    private AppenderBase<ILoggingEvent> appender;
    private Handler julHandler;
    private java.util.logging.Level julLevel;

    @BeforeEach
    void captureEverything() throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        };
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);

        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        julLevel = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        julHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("mockwebserver3")) {
                    return; // the test server's own log, not ours
                }
                lines.add(record.getLoggerName() + " " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        julHandler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
        java.util.logging.Logger.getLogger("okhttp3").setLevel(java.util.logging.Level.ALL);

        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void restore() {
        server.close();
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(julLevel);
    }

    @Test
    void noLogLineContainsTheKey() {
        Duration timeout = Duration.ofMillis(300);
        Che168ClientSettings settings = Che168ClientSettings.of(server.url("/api/v2/che168").uri(), KEY)
                .withTimeouts(timeout, timeout, timeout.multipliedBy(2));
        org.slf4j.Logger productLog = LoggerFactory.getLogger("com.che168sync.test");
        try (Che168Source source = Che168Source.create(settings)) {
            List<Runnable> calls = List.of(
                    () -> ok(server, "offers-page-1.json"), () -> source.fetchOfferPage(1),
                    () -> ok(server, "offers-truncated.json"), () -> source.fetchOfferPage(2),
                    () -> ok(server, "offers-broken-meta.json"), () -> source.fetchOfferPage(7),
                    () -> ok(server, "changes-page.json"), () -> source.fetchChanges(892145),
                    () -> ok(server, "changes-stalled.json"), () -> source.fetchChanges(892151),
                    () -> ok(server, "change-id.json"), () -> source.firstChangeId(LocalDate.of(2025, 4, 30)),
                    () -> ok(server, "offer-wrapped.json"), () -> source.fetchOffer("53692747"),
                    () -> ok(server, "filters.json"), source::fetchFilters,
                    () -> status(server, 401, "{\"message\": \"Invalid API key " + KEY + "\"}"), () -> source.fetchOfferPage(1),
                    () -> status(server, 502, "<html><title>bad gateway for key=" + KEY + "</title></html>"), () -> source.fetchOfferPage(1),
                    () -> server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", KEY).build()),
                    () -> source.fetchOfferPage(1),
                    () -> server.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.SECONDS).build()),
                    () -> source.fetchOfferPage(1));
            for (Runnable call : calls) {
                try {
                    call.run();
                } catch (SourceException e) {
                    // what a caller (the retry policy, a use case) does with a failure: log it in full
                    productLog.warn("source call failed: {}", e.getMessage(), e);
                }
            }
        }

        assertThat(lines).as("captured log lines").hasSizeGreaterThan(15);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Invalid API key ***"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(KEY));
    }

    private static void ok(MockWebServer server, String fixture) {
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(Fixtures.bytes(fixture))).build());
    }

    private static void status(MockWebServer server, int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }
}
