package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The built jar as the operator runs it, for the process-level system tests: {@code java -Xmx256m -jar
 * che168-sync.jar …} in its own JVM, in a work directory, against one test database (no inherited {@code DB_*},
 * {@code CHE168_*}, {@code DATA_DIR}, {@code LOG_DIR}). Runs to completion, in the background, and SIGKILL.
 */
public final class Che168Processes {

    /**
     * Waits, when the feed's day (the sandbox's and the product's default zone, +03:00) ends within {@code runtime},
     * until it has ended: a test that takes "today" from the sandbox and then runs the product must not see the two
     * disagree because midnight fell in between (at most {@code runtime} of waiting, once a day).
     */
    public static void awaitClearOfFeedMidnight(Duration runtime) throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(SandboxOptions.SOURCE_ZONE);
        ZonedDateTime midnight = LocalDate.from(now).plusDays(1).atStartOfDay(now.getZone());
        Duration left = Duration.between(now, midnight);
        if (left.compareTo(runtime) < 0) {
            Thread.sleep(left.plusSeconds(2).toMillis());
        }
    }
    /** The jar failsafe finds after the package phase. */
    public static final Path JAR = Path.of("target", "che168-sync.jar").toAbsolutePath();

    private final Path work;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<Process, Path[]> outputs = new HashMap<>();

    /** Child processes in {@code work}, against {@code db}. */
    public Che168Processes(Path work, PostgresFixture.TestDatabase db) {
        assertThat(JAR).as("run by failsafe after the package phase").exists();
        this.work = work;
        env.putAll(db.productSettings());
    }

    /** Adds (or replaces) an environment variable of every later child. */
    public Che168Processes env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A finished run: exit code, standard output and standard error. */
    public record Run(int exit, String out, String err) {
    }

    private ProcessBuilder che168(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("CHE168_") || k.equals("DATA_DIR")
                || k.equals("LOG_DIR"));
        environment.putAll(env);
        return builder;
    }

    /** Runs {@code che168 args} to its end (at most 240 s). */
    public Run run(String... args) throws IOException, InterruptedException {
        return await(background(args));
    }

    /** Starts {@code che168 args} and returns at once; its output goes to files in the work directory. */
    public Process background(String... args) throws IOException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = che168(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        outputs.put(process, new Path[] {out, err});
        return process;
    }

    /** Waits (at most 240 s) for a process {@link #background} started to end, and returns what it printed. */
    public Run await(Process process) throws IOException, InterruptedException {
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("finished within 240 s").isTrue();
        Path[] files = outputs.remove(process);
        return new Run(process.exitValue(), Files.readString(files[0], StandardCharsets.UTF_8),
                Files.readString(files[1], StandardCharsets.UTF_8));
    }

    /** SIGKILL (no shutdown hook, no finally block runs) and waits until the process is gone. */
    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
    }

    /** The first column of the first row of {@code sql} as a number, 0 when there is no row. */
    public static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Waits until {@code sql} counts more than {@code above} (the run is under way), at most 120 s, and fails if
     * {@code process} ends first.
     */
    public static void awaitCountAbove(DataSource ds, Process process, String sql, long above) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            boolean alive = process.isAlive(); // before counting: a run that stored and then ended is no failure
            if (count(ds, sql) > above) {
                return;
            }
            assertThat(alive).as("the run ended (exit code %s) before: %s", alive ? "-" : process.exitValue(), sql)
                    .isTrue();
            assertThat(System.nanoTime()).as("the run started storing within 120 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
