package com.che168sync.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import com.che168sync.bootstrap.config.LoggingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logback from {@link LoggingConfig}: the console (stderr, so command output on stdout stays clean) and
 * a daily file {@code LOG_DIR/che168-YYYY-MM-DD.log} shared safely by concurrent processes (e.g. {@code serve} and
 * the cron job), files older than {@code retention_days} deleted. Secrets are registered with the
 * {@link SecretMasker} before the first line is written.
 */
public final class LoggingSetup {
    /** Pattern of the log files under LOG_DIR. */
    public static final String FILE_PATTERN = "che168-%d{yyyy-MM-dd}.log";

    /** The logger of jOOQ's server version check ({@code DefaultExecuteContext}). */
    static final String JOOQ_VERSION_CHECK = "org.jooq.impl.DefaultExecuteContext.logVersionSupport";

    /** Libraries that are chatty at INFO: only their warnings reach our logs. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "org.jooq", Level.WARN,
            "io.zonky", Level.WARN,
            "io.helidon", Level.WARN,
            "okhttp3", Level.WARN,
            // jOOQ warns "Version mismatch" on every command against PostgreSQL 15/16 (its dialect targets newer
            // servers; 15+ is supported by this product): only that check is silenced, jOOQ's other warnings stay
            JOOQ_VERSION_CHECK, Level.ERROR);

    private LoggingSetup() {
    }

    /** Replaces any earlier configuration (the console-only one of {@link BootLogConfigurator}). */
    public static void configure(LoggingConfig config, Collection<String> secrets) {
        SecretMasker.global().addSecrets(secrets);
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, false));
        console.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setPrudent(true);
        file.setAppend(true);
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(config.dir().resolve(FILE_PATTERN).toString());
        policy.setMaxHistory(config.retentionDays());
        policy.setCleanHistoryOnStart(true);
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder(context, true));
        file.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(config.level()));
        root.addAppender(console);
        root.addAppender(file);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));

        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        LogRetention.deleteOldFiles(config.dir(), config.retentionDays(), java.time.LocalDate.now());
    }

    /** Today's log file under {@code dir}, for messages and tests. */
    public static Path currentFile(Path dir, java.time.LocalDate today) {
        return dir.resolve("che168-" + today + ".log");
    }

    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, boolean stackTraces) {
        Che168Layout layout = new Che168Layout();
        layout.setContext(context);
        layout.setStackTraces(stackTraces);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    private static Level toLogback(String level) {
        return "WARNING".equals(level) ? Level.WARN : Level.toLevel(level, Level.INFO);
    }
}
