package com.che168sync.bench;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.bootstrap.Main;
import com.che168sync.bootstrap.cli.AppCommand;
import com.che168sync.bootstrap.cli.ExitCode;
import com.che168sync.bootstrap.cli.RefusedException;
import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code che168 bench ingest}: the initial load and the daily update at full size against an in-process sandbox and
 * a fresh embedded PostgreSQL (the product's durable settings), compared with the physical limits of docs/rules.md#speed-bars measured
 * in the same run:
 * <ol>
 *   <li>a plain single-stream {@code COPY} of the same listings into {@code raw_data} (rows/s);</li>
 *   <li>{@code load} with no latency, run as the operator runs it (its own JVM, {@code -Xmx256m}): rows/s and the
 *       ratio to COPY (bar: ≥ 0.5);</li>
 *   <li>{@code load} of {@code --latency-pages} pages with {@code --latency-ms} per request: time / (pages × L)
 *       (bar: ≤ 1.15; one request in flight is the floor);</li>
 *   <li>{@code update} of one day of {@code --changes} changes on the loaded catalogue (bar: ≤ 10 s);</li>
 *   <li>{@code reconcile} right after the load (a full scan that finds the mirror equal to the catalogue), as its
 *       own JVM with {@code -Xmx256m}: its time over the load's (goal: ≤ 1.3); and {@code reconcile --force} after
 *       the update (the catalogue, served as it was before the day, now differs from the mirror in every listing the
 *       day touched: a heavy drift to compare, confirm and repair).</li>
 * </ol>
 * Job times are the {@code operations_log} durations (the job's own work, without JVM start-up); medians over
 * {@code --runs}. The results replace the ingest section of {@code docs/PERFORMANCE.md}.
 */
@Command(name = "ingest", description = "Benchmark the initial load and the daily update against the sandbox (results"
        + " go to docs/PERFORMANCE.md).")
public final class BenchIngestCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger("com.che168sync.bench");
    static final String SECTION_START = "<!-- bench ingest: start (written by ./che168 bench ingest) -->";
    static final String SECTION_END = "<!-- bench ingest: end -->";

    @Option(names = "--listings", paramLabel = "N", description = "Listings of the catalogue (default: ${DEFAULT-VALUE}).")
    private long listings = 250_000;

    @Option(names = "--changes", paramLabel = "N", description = "Changes of the update's day (default: ${DEFAULT-VALUE}).")
    private int changes = 15_000;

    @Option(names = "--latency-ms", paramLabel = "MS", description = "Injected latency per request for the latency run"
            + " (default: ${DEFAULT-VALUE}).")
    private long latencyMs = 20;

    @Option(names = "--latency-pages", paramLabel = "N", description = "Pages of the latency run (default: ${DEFAULT-VALUE}).")
    private int latencyPages = 2_500;

    @Option(names = "--runs", paramLabel = "N", description = "Repetitions; medians are reported (default: ${DEFAULT-VALUE}).")
    private int runs = 3;

    @Option(names = "--output", paramLabel = "FILE", description = "Where the results go (default: ${DEFAULT-VALUE}).")
    private Path output = Path.of("docs", "PERFORMANCE.md");

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory for the embedded PostgreSQL and"
            + " the COPY file (default: a new temporary directory, deleted afterwards).")
    private Path workDir;

    @Override
    public Integer call() throws Exception {
        if (listings < 20 || changes < 1 || latencyMs < 1 || latencyPages < 1 || runs < 1) {
            throw new RefusedException("--listings must be >= 20, --changes, --latency-ms, --latency-pages and --runs"
                    + " >= 1");
        }
        boolean temporary = workDir == null;
        Path work = temporary ? Files.createTempDirectory("che168-bench-ingest") : workDir.toAbsolutePath();
        Files.createDirectories(work);
        try {
            Results results = measure(work);
            String section = results.markdown();
            out().println(section);
            out().flush();
            writeSection(output, section);
            LOG.info("Results written to {}", output.toAbsolutePath());
            return results.allBarsMet() ? ExitCode.OK : ExitCode.ERRORS;
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    private Results measure(Path work) throws Exception {
        Results r = new Results();
        LocalDate today = LocalDate.now(SandboxOptions.SOURCE_ZONE);
        r.started = LocalDateTime.now();
        // the bench keeps a connection to the embedded server open, so it stays up between the child runs
        try (PostgresDatabase anchor = PostgresDatabase.open(PostgresSettings.embedded(work.resolve("postgres"),
                "bench_anchor", 2));
                SandboxServer sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(listings).days(1)
                        .endDate(today).changesPerDay(changes).build())) {
            LOG.info("Bench ingest: {} listings, {} changes, {}; sandbox at {}", listings, changes,
                    anchor.description(), sandbox.baseUrl());
            Path copyFile = work.resolve("copy.tsv");
            long rows = writeCopyFile(sandbox.sandbox().initialGroundTruth(), copyFile);
            for (int run = 1; run <= runs; run++) {
                r.copySeconds.add(copy(work, "bench_copy_" + run, copyFile));
                LOG.info("COPY of {} rows: {} s", rows, fmt(r.copySeconds.getLast()));

                String db = "bench_load_" + run;
                Child load = child(work, db, sandbox.baseUrl(), "load");
                r.loadSeconds.add(load.jobSeconds);
                r.loadWallSeconds.add(load.wallSeconds);
                r.loadExit = Math.max(r.loadExit, load.exit);
                r.loadedRows = count(work, db, "SELECT count(*) FROM raw_data");
                r.pages = count(work, db, "SELECT last_page FROM load_checkpoint");
                LOG.info("load: {} rows in {} s (exit {})", r.loadedRows, fmt(load.jobSeconds), load.exit);

                Child reconcile = child(work, db, sandbox.baseUrl(), "reconcile");
                r.reconcileSeconds.add(reconcile.jobSeconds);
                r.reconcileExit = Math.max(r.reconcileExit, reconcile.exit);
                r.reconciledRows = count(work, db, "SELECT (stats ->> 'listings_scanned')::bigint FROM operations_log"
                        + " WHERE operation_type = 'reconcile' ORDER BY id DESC LIMIT 1");
                LOG.info("reconcile after the load: {} listings scanned in {} s (exit {})", r.reconciledRows,
                        fmt(reconcile.jobSeconds), reconcile.exit);

                Child update = child(work, db, sandbox.baseUrl(), "update", "--date", today.toString());
                r.updateSeconds.add(update.jobSeconds);
                r.updateExit = Math.max(r.updateExit, update.exit);
                r.appliedChanges = count(work, db, "SELECT count(*) FROM raw_data WHERE last_change_id IS NOT NULL");
                LOG.info("update of {} changes: {} s (exit {})", changes, fmt(update.jobSeconds), update.exit);

                Child drift = child(work, db, sandbox.baseUrl(), "reconcile", "--force");
                r.driftSeconds.add(drift.jobSeconds);
                r.driftExit = Math.max(r.driftExit, drift.exit);
                r.driftRepaired = count(work, db, "SELECT (stats ->> 'added')::bigint + (stats ->> 'reactivated')::bigint"
                        + " + (stats ->> 'changed')::bigint + (stats ->> 'removed')::bigint FROM operations_log"
                        + " WHERE operation_type = 'reconcile' ORDER BY id DESC LIMIT 1");
                r.driftConfirmed = count(work, db, "SELECT (stats ->> 'confirmed_alive')::bigint"
                        + " + (stats ->> 'removed')::bigint FROM operations_log WHERE operation_type = 'reconcile'"
                        + " ORDER BY id DESC LIMIT 1");
                LOG.info("reconcile --force after the update: {} rows repaired, {} /offer checks in {} s (exit {})",
                        r.driftRepaired, r.driftConfirmed, fmt(drift.jobSeconds), drift.exit);
            }
            r.copyRows = rows;
            r.dataBytes = Files.size(copyFile);
            Files.deleteIfExists(copyFile);
        }
        try (PostgresDatabase anchor = PostgresDatabase.open(PostgresSettings.embedded(work.resolve("postgres"),
                "bench_anchor", 2));
                SandboxServer slow = SandboxServer.start(SandboxOptions.builder().port(0)
                        .listings(latencyPages * 20L).days(1).endDate(LocalDate.now(SandboxOptions.SOURCE_ZONE))
                        .changesPerDay(10).faults(SandboxFaults.none().withLatencyMs(latencyMs)).build())) {
            for (int run = 1; run <= runs; run++) {
                String db = "bench_latency_" + run;
                Child load = child(work, db, slow.baseUrl(), "load");
                r.latencySeconds.add(load.jobSeconds);
                r.latencyExit = Math.max(r.latencyExit, load.exit);
                r.latencyPagesDone = count(work, db, "SELECT last_page FROM load_checkpoint");
                LOG.info("load with {} ms latency: {} pages in {} s", latencyMs, r.latencyPagesDone,
                        fmt(load.jobSeconds));
            }
        }
        r.listings = listings;
        r.changes = changes;
        r.latencyMs = latencyMs;
        return r;
    }

    // ---- the COPY baseline ----------------------------------------------------------------------------------------

    /** The listings as COPY text rows (inner_id, change_type, created_at, data, source). */
    private static long writeCopyFile(Stream<GroundTruthEntry> truth, Path file) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Iterator<GroundTruthEntry> it = truth.iterator();
            while (it.hasNext()) {
                GroundTruthEntry e = it.next();
                w.write(escape(e.innerId()));
                w.write('\t');
                w.write(e.changeType());
                w.write('\t');
                w.write(e.createdAt() == null ? "\\N" : e.createdAt().toString());
                w.write('\t');
                w.write(escape(e.dataJson()));
                w.write("\tinitial_load\n");
                n++;
            }
        }
        return n;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A single-stream COPY into the raw_data of a fresh database; seconds. */
    private static double copy(Path work, String database, Path file) throws Exception {
        try (PostgresDatabase db = PostgresDatabase.open(PostgresSettings.embedded(work.resolve("postgres"), database,
                2))) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection();
                    BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                long t0 = System.nanoTime();
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY raw_data (inner_id, change_type, created_at, data, source) FROM STDIN", reader);
                return (System.nanoTime() - t0) / 1e9;
            }
        }
    }

    // ---- the product, as the operator runs it ---------------------------------------------------------------------

    private record Child(int exit, double jobSeconds, double wallSeconds) {
    }

    /** {@code java -Xmx256m … <args>} against {@code database} of the bench's embedded server. */
    private Child child(Path work, String database, String baseUrl, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve(database + "-" + args[0] + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("CHE168_") || k.equals("DATA_DIR")
                || k.equals("LOG_DIR") || k.startsWith("RETRY_"));
        env.put("DATA_DIR", work.toString());
        env.put("DB_NAME", database);
        env.put("LOG_DIR", work.resolve("logs").toString());
        env.put("CHE168_BASE_URL", baseUrl);
        env.put("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY);
        long t0 = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(2, TimeUnit.HOURS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish within 2 hours");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String type = switch (args[0]) {
            case "load" -> "initial_load";
            case "reconcile" -> "reconcile";
            default -> "data_fetch";
        };
        double job = number(work, database, "SELECT duration FROM operations_log WHERE operation_type = '" + type
                + "' ORDER BY id DESC LIMIT 1");
        if (p.exitValue() != 0) {
            LOG.warn("{} exited with {}; see {}", String.join(" ", args), p.exitValue(),
                    work.resolve(database + "-" + args[0] + ".log"));
        }
        return new Child(p.exitValue(), job, wall);
    }

    private static long count(Path work, String database, String sql) throws SQLException {
        return (long) number(work, database, sql);
    }

    private static double number(Path work, String database, String sql) throws SQLException {
        try (PostgresDatabase db = PostgresDatabase.open(PostgresSettings.embedded(work.resolve("postgres"), database,
                2)); Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getDouble(1) : Double.NaN;
        }
    }

    // ---- results ------------------------------------------------------------------------------------------------

    static final class Results {
        LocalDateTime started;
        long listings;
        int changes;
        long latencyMs;
        long copyRows;
        long dataBytes;
        long loadedRows;
        long pages;
        long appliedChanges;
        long latencyPagesDone;
        int loadExit;
        int updateExit;
        int latencyExit;
        int reconcileExit;
        int driftExit;
        long reconciledRows;
        long driftRepaired;
        long driftConfirmed;
        final List<Double> reconcileSeconds = new ArrayList<>();
        final List<Double> driftSeconds = new ArrayList<>();
        final List<Double> copySeconds = new ArrayList<>();
        final List<Double> loadSeconds = new ArrayList<>();
        final List<Double> loadWallSeconds = new ArrayList<>();
        final List<Double> updateSeconds = new ArrayList<>();
        final List<Double> latencySeconds = new ArrayList<>();

        double copyRate() {
            return copyRows / median(copySeconds);
        }

        double loadRate() {
            return loadedRows / median(loadSeconds);
        }

        double loadRatio() {
            return loadRate() / copyRate();
        }

        double latencyFloor() {
            return latencyPagesDone * latencyMs / 1000.0;
        }

        double latencyRatio() {
            return median(latencySeconds) / latencyFloor();
        }

        boolean loadOk() {
            return loadExit == 0 && loadedRows == copyRows && loadRatio() >= 0.5;
        }

        boolean latencyOk() {
            return latencyExit == 0 && latencyRatio() <= 1.15;
        }

        boolean updateOk() {
            return updateExit == 0 && median(updateSeconds) <= 10.0;
        }

        double reconcileRatio() {
            return median(reconcileSeconds) / median(loadSeconds);
        }

        boolean reconcileOk() {
            return reconcileExit == 0 && reconciledRows == copyRows && reconcileRatio() <= 1.3;
        }

        boolean allBarsMet() {
            return loadOk() && latencyOk() && updateOk() && reconcileOk();
        }

        String markdown() {
            String nl = System.lineSeparator();
            StringBuilder sb = new StringBuilder();
            sb.append(SECTION_START).append(nl);
            sb.append("## Ingest: initial load and daily update").append(nl).append(nl);
            sb.append("Measured by `./che168 bench ingest` on ")
                    .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                    .append("a fresh embedded PostgreSQL 17 with the product's durable settings, the sandbox in-process,"
                            + " the product as its own JVM with `-Xmx256m`. ");
            sb.append("Medians of ").append(copySeconds.size()).append(" run(s); job times are the `operations_log`"
                    + " durations (without JVM start-up). With latency L the sandbox answers each request L after it"
                    + " arrives (it builds the page inside L, as a remote server does), so pages × L is the floor."
                    + " Bars: [speed bars](rules.md#speed-bars).").append(nl).append(nl);
            sb.append("| measurement | result | bar | met |").append(nl);
            sb.append("|---|---|---|---|").append(nl);
            sb.append(String.format(Locale.ROOT, "| plain `COPY` of the %,d listings (%.0f MB) into raw_data | %s s,"
                    + " %,.0f rows/s | the physical limit | — |%n", copyRows, dataBytes / 1e6, fmt(median(copySeconds)),
                    copyRate()));
            sb.append(String.format(Locale.ROOT, "| `load`, %,d listings (%,d pages), no latency, -Xmx256m | %s s"
                    + " (%s s with JVM start), %,.0f rows/s = **%.2f × COPY** | ≥ 0.5 × COPY | %s |%n", loadedRows,
                    pages, fmt(median(loadSeconds)), fmt(median(loadWallSeconds)), loadRate(), loadRatio(),
                    loadOk() ? "yes" : "**no**"));
            sb.append(String.format(Locale.ROOT, "| `load`, %d pages with %d ms latency per request | %s s = **%.3f ×"
                    + " pages × L** (floor %s s) | ≤ 1.15 × pages × L | %s |%n", latencyPagesDone, latencyMs,
                    fmt(median(latencySeconds)), latencyRatio(), fmt(latencyFloor()),
                    latencyOk() ? "yes" : "**no**"));
            sb.append(String.format(Locale.ROOT, "| `update`, one day of %,d changes, no latency | **%s s** (%,d"
                    + " listings touched) | ≤ 10 s | %s |%n", changes, fmt(median(updateSeconds)), appliedChanges,
                    updateOk() ? "yes" : "**no**"));
            sb.append(String.format(Locale.ROOT, "| `reconcile` after the load, %,d listings scanned and compared,"
                    + " no drift, no latency, -Xmx256m | %s s = **%.2f × load** | ≤ 1.3 × load | %s |%n",
                    reconciledRows, fmt(median(reconcileSeconds)), reconcileRatio(), reconcileOk() ? "yes" : "**no**"));
            sb.append(String.format(Locale.ROOT, "| `reconcile --force` after the update: %,d rows repaired, %,d"
                    + " removals checked with `/offer` | %s s = %.2f × load (exit %d) | — | — |%n", driftRepaired,
                    driftConfirmed, fmt(median(driftSeconds)), median(driftSeconds) / median(loadSeconds), driftExit));
            sb.append(nl).append("Raw runs (s): COPY ").append(list(copySeconds)).append(", load ")
                    .append(list(loadSeconds)).append(", latency load ").append(list(latencySeconds))
                    .append(", update ").append(list(updateSeconds)).append(", reconcile ").append(list(reconcileSeconds))
                    .append(", reconcile --force after the update ").append(list(driftSeconds)).append('.').append(nl);
            sb.append(SECTION_END).append(nl);
            return sb.toString();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String list(List<Double> values) {
        return values.stream().map(BenchIngestCommand::fmt).toList().toString();
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** Replaces the ingest section of {@code file} (or appends it); other sections stay as they are. */
    static void writeSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                : "# Performance" + System.lineSeparator() + System.lineSeparator();
        int start = text.indexOf(SECTION_START);
        int end = text.indexOf(SECTION_END);
        if (start >= 0 && end > start) {
            int after = end + SECTION_END.length();
            while (after < text.length() && (text.charAt(after) == '\n' || text.charAt(after) == '\r')) {
                after++;
            }
            text = text.substring(0, start) + section + text.substring(after);
        } else {
            text = text + (text.endsWith(System.lineSeparator() + System.lineSeparator()) ? "" : System.lineSeparator())
                    + section;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
