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
import com.che168sync.bootstrap.config.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
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

    /** How the log directory's setting is named in messages. */
    private static final String LOG_DIR_SETTING = "LOG_DIR (config.yaml: logging.dir)";

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

    /**
     * Replaces any earlier configuration (the console-only one of {@link BootLogConfigurator}).
     *
     * @throws SettingsException (key {@code LOG_DIR}) when the log directory cannot be created or written: the run
     *                           is refused rather than losing its log silently
     */
    public static void configure(LoggingConfig config, Collection<String> secrets) {
        configure(config, secrets, null);
    }

    /**
     * Like {@link #configure(LoggingConfig, Collection)}; every line of the file ends with {@code [tag]} (which
     * command, process and database wrote it: several runs share one file).
     */
    public static void configure(LoggingConfig config, Collection<String> secrets, String tag) {
        requireWritable(config.dir(), LocalDate.now());
        SecretMasker.global().addSecrets(secrets);
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, false, null));
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
        file.setEncoder(encoder(context, true, tag));
        file.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(config.level()));
        root.addAppender(console);
        root.addAppender(file);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));

        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        LogRetention.deleteOldFiles(config.dir(), config.retentionDays(), LocalDate.now());
    }

    /**
     * Checks that {@code dir} exists (creating it) and that this process can write today's file in it; refuses
     * naming {@code LOG_DIR}, the directory's owner and mode, and this process's user otherwise.
     */
    static void requireWritable(Path dir, LocalDate today) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException | SecurityException e) {
            throw new SettingsException("LOG_DIR", "Invalid setting " + LOG_DIR_SETTING
                    + ": cannot create the log directory " + absolute + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")" + nearestExisting(absolute)
                    + ". Create it writable for user " + processUser() + ", or set LOG_DIR to another directory.");
        }
        Path file = currentFile(absolute, today);
        boolean writable = Files.exists(file) ? Files.isWritable(file) : probe(absolute);
        if (!writable) {
            Path culprit = Files.exists(file) && Files.isWritable(absolute) ? file : absolute;
            throw new SettingsException("LOG_DIR", "Invalid setting " + LOG_DIR_SETTING
                    + ": " + culprit + " is not writable by user " + processUser()
                    + " (" + describe(culprit) + "). Make it writable for that user (e.g. chown), or set LOG_DIR to "
                    + "another directory.");
        }
    }

    /** Writes and deletes a file in {@code dir}: the only check that also holds for read-only mounts and ACLs. */
    private static boolean probe(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".che168-write-check-", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String nearestExisting(Path path) {
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return "; " + p + " is " + describe(p);
            }
        }
        return "";
    }

    /** e.g. {@code owner root (uid 0), mode rwxr-xr-x}. */
    private static String describe(Path path) {
        try {
            String owner = Files.getOwner(path).getName();
            String uid = "";
            try {
                uid = " (uid " + Files.getAttribute(path, "unix:uid") + ")";
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // not a Unix file system: the name alone
            }
            String mode = "";
            try {
                mode = ", mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions here
            }
            return "owner " + owner + uid + mode;
        } catch (IOException | UnsupportedOperationException e) {
            return "owner unknown: " + e.getMessage();
        }
    }

    private static String processUser() {
        return System.getProperty("user.name", "?");
    }

    /** Today's log file under {@code dir}, for messages and tests. */
    public static Path currentFile(Path dir, LocalDate today) {
        return dir.resolve("che168-" + today + ".log");
    }

    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, boolean stackTraces, String tag) {
        Che168Layout layout = new Che168Layout();
        layout.setContext(context);
        layout.setStackTraces(stackTraces);
        layout.setTag(tag);
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
