package com.che168sync.bench;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.bootstrap.cli.AppCommand;
import com.che168sync.bootstrap.cli.ExitCode;
import com.che168sync.bootstrap.config.DbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code che168 bench normalize}: the normalizer vs a pure-SQL {@code INSERT … SELECT} on the same raw rows
 * (docs/rules.md#speed-bars: ≥ 0.6 × its rows/s), medians of several runs, EXPLAIN of the API's typical queries on the result; the
 * numbers go to docs/PERFORMANCE.md. Runs on its own database, never the product's: a separate embedded cluster
 * under {@code DATA_DIR/bench-postgres}, or {@code <DB_NAME>_bench} on an external server.
 */
@Command(name = "normalize", description = {"Benchmark normalization at full size against the pure-SQL "
        + "INSERT ... SELECT baseline (same rows, same run); writes its section of docs/PERFORMANCE.md.",
        "Uses its own database (DATA_DIR/bench-postgres, or <DB_NAME>_bench with DB_HOST), never the product's."})
public final class BenchNormalizeCommand extends AppCommand {
    static final String START = "<!-- bench normalize: start -->";
    static final String END = "<!-- bench normalize: end -->";
    private static final Logger LOG = LoggerFactory.getLogger("com.che168sync.bench");

    @Option(names = "--rows", paramLabel = "N", defaultValue = "250000",
            description = "Raw listings to normalize (1000..2000000, default ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Runs of each side; medians are reported (1..9, default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "200",
            description = "Normalizer batch size (default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--writers", paramLabel = "N", defaultValue = "2",
            description = "Normalizer writer connections (1..4, default ${DEFAULT-VALUE}).")
    private int writers;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/PERFORMANCE.md",
            description = "Markdown file whose normalize section is replaced (default ${DEFAULT-VALUE}); '-' to skip.")
    private String report;

    @Override
    public Integer call() throws SQLException {
        if (rows < 1_000 || rows > 2_000_000 || runs < 1 || runs > 9 || batchSize < 1 || batchSize > 10_000
                || writers < 1 || writers > 4) {
            throw new ParameterException(spec.commandLine(), "--rows 1000..2000000, --runs 1..9, --batch-size "
                    + "1..10000, --writers 1..4");
        }
        DbConfig db = settings().db();
        try (PostgresDatabase bench = PostgresDatabase.open(benchSettings(db))) {
            bench.migrate();
            LOG.info("Bench database: {}", bench.description());
            OperationLogPort operations = new JooqOperationLogRepository(bench.dsl());
            NormalizeBenchmark benchmark = new NormalizeBenchmark(bench.dataSource(), operations,
                    new PostgresJobLockRepository(bench.dataSource()), app().clock(), LOG::info);
            benchmark.prepare(rows);
            NormalizeBenchmark.Result result = benchmark.run(runs, batchSize, writers);
            String section = markdown(result, bench.description());
            out().println(section);
            out().flush();
            if (!"-".equals(report)) {
                writeSection(Path.of(report), section);
                LOG.info("Wrote the normalize section of {}", report);
            }
            return ExitCode.OK;
        }
    }

    private PostgresSettings benchSettings(DbConfig db) throws SQLException {
        int pool = Math.max(8, writers + 4);
        if (db.embedded()) {
            return PostgresSettings.embedded(db.embeddedDataDir().resolveSibling("bench-postgres"), "che168_bench",
                    pool);
        }
        String name = db.name() + "_bench";
        try (Connection c = app().dataSource().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
        return PostgresSettings.external(db.host().orElseThrow(), db.port(), db.user(), db.password(), name, pool);
    }

    static String markdown(NormalizeBenchmark.Result r, String where) {
        StringBuilder md = new StringBuilder();
        md.append(START).append('\n');
        md.append("## Normalization (`./che168 bench normalize`)\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on %s: %,d raw listings, batches of %d, %d writer "
                + "connection(s), %d run(s) of each side, medians.%n%n", LocalDate.now(), where, r.rows(),
                r.batchSize(), r.writers(), r.baseline().size()));
        md.append("The baseline does the normalizer's job in one SQL statement (docs/rules.md#normalization): typed columns from one"
                + " `jsonb_to_record` per row, the whole record as `normalized_data` (built from the same fields, the"
                + " images and the configuration), and the raw rows marked `is_processed`.\n\n");
        md.append("| | rows/s (median) | runs (rows/s) |\n|---|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| pure-SQL `INSERT … SELECT` (jsonb_to_record) | %,.0f | %s |%n",
                r.baselineMedian(), runs(r.baseline())));
        md.append(String.format(Locale.ROOT, "| `normalize` (Java rules, batches of %d) | %,.0f | %s |%n",
                r.batchSize(), r.normalizerMedian(), runs(r.normalizer())));
        md.append(String.format(Locale.ROOT, "%n**Ratio: %.2f** (bar: ≥ 0.60). %,d rows in %.0f s (bar: ≤ 90 s).%n",
                r.ratio(), r.rows(), r.rows() / Math.max(r.normalizerMedian(), 1)));
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < Math.min(r.baseline().size(), r.normalizer().size()); i++) {
            pairs.append(pairs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                    r.normalizer().get(i).rowsPerSecond() / r.baseline().get(i).rowsPerSecond()));
        }
        md.append(String.format(Locale.ROOT, "Ratio of each run to the baseline run just before it: %s. Both sides "
                + "share the machine with whatever else runs; the spread of these pairs is the noise of the "
                + "measurement.%n%n", pairs));
        md.append("Plans of the API's typical list queries on the normalized table:\n\n```\n");
        r.explains().forEach(md::append);
        md.append("```\n").append(END).append('\n');
        return md.toString();
    }

    private static String runs(java.util.List<NormalizeBenchmark.Timing> timings) {
        StringBuilder s = new StringBuilder();
        for (NormalizeBenchmark.Timing t : timings) {
            s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", t.rowsPerSecond()));
        }
        return s.toString();
    }

    static void writeSection(Path file, String section) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                    : "# Performance\n\nMeasured with `./che168 bench …` ([benchmarks](rules.md#benchmarks), [speed bars](rules.md#speed-bars)). Each section is rewritten by "
                    + "its bench.\n\n";
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            String updated = start >= 0 && end > start
                    ? text.substring(0, start) + section + text.substring(end + END.length() + 1 > text.length()
                    ? text.length() : end + END.length() + 1)
                    : text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
