package com.che168sync.bootstrap.normalize;

import static com.che168sync.bootstrap.Che168Processes.awaitCountAbove;
import static com.che168sync.bootstrap.Che168Processes.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.bootstrap.testing.StoppablePostgres;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code normalize} as the operator runs it: the built jar in its own JVM (-Xmx256m) against a real PostgreSQL,
 * SIGKILLed at random moments mid-run and restarted, then compared row by row with one uninterrupted run over the
 * same raw_data in a second database. Also: the lock between two runs, and the killed runs in operations_log.
 */
class NormalizeProcessSystemTest {
    private static final LocalDate DAY3 = LocalDate.of(2026, 11, 22);
    private static final int LISTINGS = 4_000;
    private static final String BATCH = "50";
    private static final Instant LOADED_AT = Instant.parse("2026-11-22T02:00:00Z");
    private static final String PROCESSED = "SELECT count(*) FROM processed_data";
    private static final String RUNNING = "SELECT count(*) FROM operations_log WHERE operation_type = 'normalization'"
            + " AND status = 'RUNNING'";
    private static final String OK = "SELECT count(*) FROM operations_log WHERE operation_type = 'normalization'"
            + " AND status = 'OK'";
    private static final String INTERRUPTED = "SELECT count(*) FROM operations_log"
            + " WHERE operation_type = 'normalization' AND status = 'ERROR' AND details LIKE 'interrupted%'";

    @TempDir
    Path work;

    @Test
    void killedAtRandomMomentsAndRestartedEndsExactlyAsOneUninterruptedRun() throws Exception {
        // raw_data as the mirror holds it after the initial load and three change days (removed rows included)
        List<GroundTruthEntry> truth = Sandbox.create(SandboxOptions.builder().listings(LISTINGS).days(3)
                .endDate(DAY3).changesPerDay(400).seed(11).build()).groundTruth(DAY3).toList();
        PostgresFixture.TestDatabase killedDb = PostgresFixture.shared().newDatabase();
        PostgresFixture.TestDatabase referenceDb = PostgresFixture.shared().newDatabase();
        DataSource ds = killedDb.dataSource();
        DataSource reference = referenceDb.dataSource();
        insertRaw(ds, truth);
        insertRaw(reference, truth);
        long raw = truth.size();
        assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE active_status = 1")).as("removed rows").isPositive();

        Run uninterrupted = new Che168Processes(dir("reference"), referenceDb).run("normalize");
        assertThat(uninterrupted.exit()).as(uninterrupted.err()).isZero();
        assertThat(count(reference, PROCESSED)).isEqualTo(raw);

        Che168Processes processes = new Che168Processes(dir("killed"), killedDb);
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        for (int kill = 1; kill <= 3; kill++) {
            long before = count(ds, PROCESSED);
            Process run = processes.background("normalize", "--batch-size", BATCH);
            awaitCountAbove(ds, run, PROCESSED, before + random.nextInt(200)); // it has committed some batches
            Thread.sleep(random.nextInt(300));
            Che168Processes.kill(run);
            assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed"))
                    .as("killed mid-run (seed %d, kill %d)", seed, kill).isPositive();
            assertThat(inconsistencies(ds)).as("after kill %d (seed %d)", kill, seed).isEmpty();
            assertThat(count(ds, RUNNING)).as("the killed run's row is left RUNNING").isEqualTo(1);
            assertThat(count(ds, INTERRUPTED)).as("each restart marked the run before it").isEqualTo(kill - 1);
        }

        // the last run is held on one raw row mid-queue, so a second run certainly meets it
        try (Connection holder = ds.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // only this row: FOR UPDATE next to OFFSET would lock every row skipped too
                s.executeQuery("SELECT id FROM raw_data WHERE id = (SELECT id FROM raw_data WHERE NOT is_processed"
                        + " ORDER BY id OFFSET 500 LIMIT 1) FOR UPDATE").close();
            }
            long before = count(ds, PROCESSED);
            Process last = processes.background("normalize", "--batch-size", BATCH);
            awaitCountAbove(ds, last, PROCESSED, before);
            Run second = processes.run("normalize");
            assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(2);
            assertThat(second.err()).contains("normalize refused: another normalization is running")
                    .doesNotContain("\tat ");
            assertThat(last.isAlive()).isTrue();
            holder.commit();
            Run finished = processes.await(last);
            assertThat(finished.exit()).as(finished.err()).isZero();
            assertThat(finished.out()).startsWith("normalize OK: ");
            assertThat(finished.err()).contains("1 earlier normalization run(s) had been interrupted");
        }
        assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed OR normalize_error IS NOT NULL"
                + " OR normalize_attempts <> 0")).as("every raw row processed, no error left").isZero();
        assertThat(inconsistencies(ds)).isEmpty();
        assertThat(differences(ds, reference)).as("seed %d", seed).isEmpty();
        assertThat(count(ds, INTERRUPTED)).isEqualTo(3);
        assertThat(count(ds, OK)).isEqualTo(1);
        assertThat(count(ds, RUNNING)).isZero();

        // re-normalizing everything, killed too: a plain run finishes what is still queued
        String allStarted = text(ds, "SELECT now()::text");
        String renormalized = "SELECT count(*) FROM processed_data WHERE normalized_at > '" + allStarted + "'";
        Process all = processes.background("normalize", "--all", "--batch-size", BATCH);
        awaitCountAbove(ds, all, renormalized, random.nextInt(200));
        Thread.sleep(random.nextInt(300));
        Che168Processes.kill(all);
        assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed"))
                .as("--all killed mid-run (seed %d)", seed).isPositive();
        assertThat(count(ds, "SELECT count(DISTINCT inner_id) FROM processed_data")).isEqualTo(raw);
        Run rest = processes.run("normalize", "--batch-size", BATCH);
        assertThat(rest.exit()).as(rest.err()).isZero();
        assertThat(rest.err()).contains("1 earlier normalization run(s) had been interrupted");
        assertThat(count(ds, renormalized)).as("every row normalized again").isEqualTo(raw);
        assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isZero();
        assertThat(inconsistencies(ds)).isEmpty();
        assertThat(differences(ds, reference)).as("seed %d", seed).isEmpty();
        assertThat(count(ds, INTERRUPTED)).isEqualTo(4);
        assertThat(count(ds, OK)).isEqualTo(2);
    }

    /**
     * The database stopped (a fast shutdown of its server) while a run waits on a batch: the run stops with exit 1
     * naming the database, no record is blamed (no attempt counted, nothing parked), and once the server is back a
     * run normalizes everything. A server of the test's own (zonky's PostgreSQL, its data kept between the stop and
     * the start: {@link StoppablePostgres}), so that stopping it touches no other test.
     */
    @Test
    void aDatabaseStoppedMidRunParksNoRecordAndTheNextRunCompletesEverything() throws Exception {
        try (StoppablePostgres server = StoppablePostgres.start(work.resolve("server"))) {
            DataSource ds = server.database().dataSource();
            Che168Processes processes = new Che168Processes(dir("stopped"), server.database());
            Run migrate = processes.run("migrate");
            assertThat(migrate.exit()).as(migrate.err()).isZero();
            List<GroundTruthEntry> truth = Sandbox.create(SandboxOptions.builder().listings(1_000).days(1)
                    .endDate(DAY3).changesPerDay(50).seed(12).build()).groundTruth(DAY3).toList();
            insertRaw(ds, truth);

            // a row mid-queue held, so the run is certainly inside a batch when the server stops
            Connection holder = ds.getConnection();
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM raw_data WHERE id = (SELECT id FROM raw_data ORDER BY id OFFSET 300"
                        + " LIMIT 1) FOR UPDATE").close();
            }
            Process run = processes.background("normalize", "--batch-size", "20");
            awaitCountAbove(ds, run, PROCESSED, 200);
            Thread.sleep(500);
            server.stop();
            holder.close();
            Run stopped = processes.await(run);
            assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isEqualTo(1);
            assertThat(stopped.err()).containsPattern("normalization stopped: the database \\(PostgreSQL at localhost:"
                    + server.port() + ", database che168, [^)]*\\) failed \\(not a record\\)")
                    .doesNotContain("\tat ");

            server.start();
            assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE normalize_attempts <> 0"
                    + " OR normalize_error IS NOT NULL")).as("no record blamed for the database").isZero();
            assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isPositive();
            assertThat(inconsistencies(ds)).isEmpty();

            Run next = processes.run("normalize");
            assertThat(next.exit()).as(next.err()).isZero();
            assertThat(next.err()).as("the stopped run could not write its end")
                    .contains("1 earlier normalization run(s) had been interrupted");
            assertThat(count(ds, PROCESSED)).isEqualTo(truth.size());
            assertThat(count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed OR normalize_attempts <> 0"
                    + " OR normalize_error IS NOT NULL")).isZero();
            assertThat(inconsistencies(ds)).isEmpty();
            assertThat(count(ds, RUNNING)).isZero();
        }
    }

    private static String text(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Path dir(String name) throws java.io.IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** raw_data rows as the ingest jobs leave them, with fixed timestamps so two databases hold the same rows. */
    private static void insertRaw(DataSource ds, List<GroundTruthEntry> truth) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO raw_data (inner_id, api_id, change_type, created_at, data, first_loaded_at,
                                      last_updated_at, source, active_status, last_change_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(false);
            Timestamp loadedAt = Timestamp.from(LOADED_AT);
            int n = 0;
            for (GroundTruthEntry e : truth) {
                ps.setString(1, e.innerId());
                ps.setObject(2, e.apiId());
                ps.setString(3, e.changeType());
                ps.setTimestamp(4, e.createdAt() == null ? null : Timestamp.from(e.createdAt()));
                ps.setString(5, e.dataJson());
                ps.setTimestamp(6, loadedAt);
                ps.setTimestamp(7, loadedAt);
                ps.setString(8, e.source());
                ps.setInt(9, e.activeStatus());
                ps.setObject(10, e.lastChangeId());
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    /**
     * What breaks "a batch and its flags commit together": a raw row marked processed without a processed_data
     * row, a processed_data row whose raw row is still queued (nothing changes raw_data here), duplicates.
     */
    private static List<String> inconsistencies(DataSource ds) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT r.inner_id, r.is_processed, p.n
                FROM raw_data r
                LEFT JOIN (SELECT inner_id, count(*) AS n FROM processed_data GROUP BY inner_id) p
                       ON p.inner_id = r.inner_id
                WHERE r.is_processed <> (p.n IS NOT NULL) OR p.n > 1
                UNION ALL
                SELECT p.inner_id, NULL, 1 FROM processed_data p
                WHERE NOT EXISTS (SELECT 1 FROM raw_data r WHERE r.inner_id = p.inner_id)
                LIMIT 10""")) {
            while (rs.next()) {
                found.add(rs.getString(1) + ": is_processed " + rs.getString(2) + ", processed_data rows "
                        + rs.getString(3));
            }
        }
        return found;
    }

    /**
     * processed_data of two databases compared row by row on every column but the surrogate id, normalized_at and
     * the change numbers of the changes feed (each a draw of the database's own sequence: a killed run's rolled-back
     * batches draw numbers too) (raw_updated_at is the raw row's last_updated_at, equal here); the first
     * differences, in full.
     */
    private static List<String> differences(DataSource actual, DataSource expected) throws SQLException {
        Map<String, String> a = rowDigests(actual);
        Map<String, String> e = rowDigests(expected);
        TreeSet<String> differing = new TreeSet<>();
        for (Map.Entry<String, String> row : a.entrySet()) {
            if (!row.getValue().equals(e.get(row.getKey()))) {
                differing.add(row.getKey());
            }
        }
        for (String innerId : e.keySet()) {
            if (!a.containsKey(innerId)) {
                differing.add(innerId);
            }
        }
        List<String> out = new ArrayList<>();
        for (String innerId : differing) {
            if (out.size() == 5) {
                out.add("… " + (differing.size() - 5) + " more of " + differing.size());
                break;
            }
            out.add(innerId + ":\n  after kills:   " + row(actual, innerId) + "\n  uninterrupted: "
                    + row(expected, innerId));
        }
        return out;
    }

    private static final String ROW =
            "(to_jsonb(p) - 'id' - 'normalized_at' - 'change_seq' - 'first_change_seq')::text";

    private static Map<String, String> rowDigests(DataSource ds) throws SQLException {
        Map<String, String> digests = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inner_id, md5(" + ROW + ") FROM processed_data p")) {
            while (rs.next()) {
                digests.put(rs.getString(1), rs.getString(2));
            }
        }
        return digests;
    }

    private static String row(DataSource ds, String innerId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + ROW + " FROM processed_data p WHERE inner_id = ?")) {
            s.setString(1, innerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no row)";
            }
        }
    }
}
