package com.che168sync.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.adapter.postgres.normalize.BenchListings;
import com.che168sync.db.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code che168 normalize} end to end on a real PostgreSQL: exit codes, counts, the unmapped report, the lock. */
class NormalizeCommandIT {
    @TempDir
    Path dir;

    private PostgresFixture.TestDatabase db;
    private DataSource ds;
    private final InProcessCli cli = new InProcessCli();

    @BeforeEach
    void database() throws SQLException {
        db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO raw_data (inner_id, api_id, change_type, data, source, active_status)
                VALUES (?, ?, 'added', ?::jsonb, 'initial_load', ?)""")) {
            for (long n = 1; n <= 450; n++) {
                s.setString(1, BenchListings.innerId(n));
                s.setLong(2, n);
                s.setString(3, BenchListings.listing(n));
                s.setInt(4, n % 50 == 0 ? 1 : 0);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private int run(String... args) {
        Map<String, String> env = new HashMap<>(db.productSettings());
        env.put("LOG_DIR", dir.resolve("logs").toString());
        env.put("DATA_DIR", dir.resolve("data").toString());
        return cli.run(dir, env, args);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void normalizesTheQueueAndReportsUnmappedLabels() throws Exception {
        assertThat(run("normalize", "--batch-size", "100", "--report-unmapped")).isEqualTo(ExitCode.OK);
        assertThat(cli.out())
                .contains("normalize OK: 450 processed (450 created, 0 updated, 9 inactive), 0 failed")
                .contains("Unmapped labels: none");
        assertThat(count("SELECT count(*) FROM processed_data")).isEqualTo(450);
        assertThat(count("SELECT count(*) FROM processed_data WHERE NOT is_active")).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'normalization' "
                + "AND status = 'OK'")).isEqualTo(1);
        assertThat(Files.readString(Files.list(dir.resolve("logs")).findFirst().orElseThrow()))
                .contains("[INFO] Progress: 100.0% (450 / 450 records) | Speed: ")
                .doesNotContain("138****");

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE raw_data SET data = data || '{\"color\": \"цвет морской волны\"}' WHERE id <= 4");
        }
        cli.clearOut();
        assertThat(run("normalize", "--all", "--report-unmapped")).isEqualTo(ExitCode.OK);
        assertThat(cli.out()).contains("450 processed (0 created, 450 updated")
                .contains("color:\n          4  цвет морской волны");
    }

    @Test
    void aPoisonRecordEndsTheRunWithErrorsAndItsNeighboursCommitted() throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.inner_id = '50000123' THEN RAISE EXCEPTION 'poisoned row'; END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER poison BEFORE INSERT ON processed_data FOR EACH ROW EXECUTE FUNCTION poison();""");
        }
        assertThat(run("normalize")).isEqualTo(ExitCode.ERRORS);
        assertThat(cli.out()).contains("449 processed").contains("1 failed")
                .contains("failed 50000123: [P0001] ERROR: poisoned row");
        assertThat(count("SELECT count(*) FROM processed_data")).isEqualTo(449);
        assertThat(count("SELECT count(*) FROM operations_log WHERE status = 'ERROR'")).isEqualTo(1);
    }

    @Test
    void aSecondConcurrentRunIsRefused() {
        try (var held = new PostgresJobLockRepository(ds).tryLock("normalize").orElseThrow()) {
            assertThat(run("normalize")).isEqualTo(ExitCode.REFUSED);
            assertThat(cli.err()).contains("normalize refused: another normalization is running");
        }
        assertThat(run("normalize", "--batch-size", "0")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("--batch-size must be between 1 and 10000");
    }
}
