package com.che168sync.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class Che168LayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("test");

    private String layout(Level level, String message, Throwable thrown, boolean stackTraces) {
        Che168Layout layout = new Che168Layout();
        layout.setContext(context);
        layout.setStackTraces(stackTraces);
        layout.start();
        return layout.doLayout(new LoggingEvent("x", logger, level, message, thrown, null));
    }

    @Test
    void linesReadDateTimeLevelMessage() {
        assertThat(layout(Level.INFO, "Starting page 1 loading", null, true))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\[INFO] Starting page 1 loading\\R");
    }

    @Test
    void aTaggedLineEndsWithTheTagAndItsStackTraceFollows() {
        Che168Layout layout = new Che168Layout();
        layout.setContext(context);
        layout.setTag("load pid 42 db che168@localhost:5432");
        layout.start();
        String line = layout.doLayout(new LoggingEvent("x", logger, Level.ERROR, "failed", new IllegalStateException(
                "boom"), null));
        assertThat(line.substring(20)).startsWith("[ERROR] failed [load pid 42 db che168@localhost:5432]")
                .contains("\tat ");
    }

    @Test
    void warnIsShownAsWarning() {
        assertThat(layout(Level.WARN, "slow", null, true)).contains(" [WARNING] slow");
        assertThat(layout(Level.ERROR, "bad", null, true)).contains(" [ERROR] bad");
    }

    @Test
    void theConsoleShowsNoStackTraceTheFileDoes() {
        IllegalStateException e = new IllegalStateException("boom");
        assertThat(layout(Level.ERROR, "failed", e, false)).doesNotContain("\tat ").contains("failed: boom");
        assertThat(layout(Level.ERROR, "failed", e, true)).contains("\tat ");
    }

    @Test
    void secretsAreMaskedInTheWholeLine() {
        SecretMasker.global().addSecret("my-api-key-123");
        assertThat(layout(Level.ERROR, "request with my-api-key-123 failed", new RuntimeException(
                "GET /offers?api_key=my-api-key-123"), true)).doesNotContain("my-api-key-123");
    }
}
