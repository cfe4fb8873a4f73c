package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.bootstrap.testing.StoppablePostgres;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load} and {@code update} as the operator runs them: the built jar in its own JVM (-Xmx256m) against the
 * sandbox over HTTP and a real PostgreSQL. SIGKILL at random moments, resumption, the lock between two runs.
 */
class IngestProcessSystemTest {
    private static final LocalDate DAY3 = LocalDate.of(2026, 11, 22);

    @TempDir
    Path work;

    private SandboxServer sandbox;
    private PostgresFixture.TestDatabase db;
    private DataSource ds;
    private Che168Processes processes;

    @BeforeEach
    void start() {
        db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void sandbox(long listings, int changesPerDay, long latencyMs) {
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(listings).days(3).endDate(DAY3)
                .changesPerDay(changesPerDay).seed(4).faults(SandboxFaults.none().withLatencyMs(latencyMs)).build());
        processes = new Che168Processes(work, db).env("CHE168_BASE_URL", sandbox.baseUrl())
                .env("CHE168_API_KEY", "sandbox").env("RETRY_INTERVAL", "1s");
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return processes.run(args);
    }

    private Process background(String... args) throws IOException {
        return processes.background(args);
    }

    private long count(String sql) throws SQLException {
        return Che168Processes.count(ds, sql);
    }

    @Test
    void loadKilledThreeTimesAtRandomMomentsEndsInExactlyTheGroundTruth() throws Exception {
        sandbox(12_000, 100, 4);
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        for (int kill = 0; kill < 3; kill++) {
            long before = count("SELECT count(*) FROM raw_data");
            Process load = background("load");
            Che168Processes.awaitCountAbove(ds, load, "SELECT count(*) FROM raw_data", before);
            Thread.sleep(random.nextInt(1_500));
            Che168Processes.kill(load);
            assertThat(count("SELECT count(*) FROM load_checkpoint WHERE finished_at IS NULL"))
                    .as("killed before the end (seed %d)", seed).isEqualTo(1);
        }
        Run last = run("load");
        assertThat(last.exit()).as(last.err()).isZero();
        assertThat(GroundTruth.differences(ds, sandbox.sandbox().initialGroundTruth())).as("seed %d", seed).isEmpty();
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'initial_load'"
                + " AND status = 'ERROR' AND details LIKE 'interrupted%'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'initial_load'"
                + " AND status = 'OK'")).isEqualTo(1);
        assertThat(last.err()).contains("1 earlier load run(s) had been interrupted"); // each restart marked the one before
    }

    @Test
    void secondConcurrentLoadOrUpdateIsRefusedWithExitCodeTwo() throws Exception {
        sandbox(4_000, 1_500, 100);
        Process load = background("load");
        try {
            Che168Processes.awaitCountAbove(ds, load, "SELECT count(*) FROM raw_data", 0);
            String checksum = GroundTruth.checksum(ds);
            Run second = run("load");
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.err()).contains("Refused: another load is running").doesNotContain("\tat ");
            assertThat(GroundTruth.checksum(ds)).isNotEqualTo(checksum); // the first one goes on
        } finally {
            load.destroyForcibly();
            load.waitFor(30, TimeUnit.SECONDS);
        }
        Run finish = run("load");
        assertThat(finish.exit()).as(finish.err()).isZero();

        Process update = background("update", "--from", DAY3.minusDays(2).toString());
        try {
            Che168Processes.awaitCountAbove(ds, update,
                    "SELECT count(*) FROM raw_data WHERE last_change_id IS NOT NULL", 0);
            Run second = run("update");
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.err()).contains("Refused: another update is running");
        } finally {
            update.destroyForcibly();
            update.waitFor(30, TimeUnit.SECONDS);
        }
        Run again = run("update", "--from", DAY3.minusDays(2).toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("1 earlier update run(s) had been interrupted");
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(DAY3))).isEmpty();
        assertThat(count("SELECT count(*) FROM sync_state WHERE last_successful_date >= DATE '2026-11-22'"))
                .isEqualTo(1);
    }

    /**
     * The database stopped (a fast shutdown of a server of the test's own) under a load and then under an update:
     * each stops with exit 1 naming the database, what was committed stays (the load's checkpoint, the days applied),
     * and once the server is back the next runs resume and end in exactly the ground truth.
     */
    @Test
    void aDatabaseStoppedUnderLoadAndUpdateStopsThemNamingItAndTheNextRunsEndInTheGroundTruth() throws Exception {
        try (StoppablePostgres server = StoppablePostgres.start(work.resolve("server"))) {
            sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(3_000).days(3).endDate(DAY3)
                    .changesPerDay(600).seed(5).faults(SandboxFaults.none().withLatencyMs(40)).build());
            ds = server.database().dataSource();
            processes = new Che168Processes(work, server.database()).env("CHE168_BASE_URL", sandbox.baseUrl())
                    .env("CHE168_API_KEY", "sandbox").env("RETRY_INTERVAL", "1s");
            String theDatabase = "the database (PostgreSQL at localhost:" + server.port() + ", database che168";
            Run migrate = run("migrate");
            assertThat(migrate.exit()).as(migrate.err()).isZero();

            Process load = background("load");
            Che168Processes.awaitCountAbove(ds, load, "SELECT count(*) FROM raw_data", 300);
            server.stop();
            Run stoppedLoad = processes.await(load);
            assertThat(stoppedLoad.exit()).as(stoppedLoad.err()).isEqualTo(1);
            assertThat(stoppedLoad.err()).contains("load stopped: " + theDatabase).doesNotContain("\tat ");
            server.start();
            assertThat(count("SELECT count(*) FROM load_checkpoint WHERE finished_at IS NULL AND next_page > 1"))
                    .as("the checkpoint is kept").isEqualTo(1);
            Run load2 = run("load");
            assertThat(load2.exit()).as(load2.err()).isZero();
            assertThat(GroundTruth.differences(ds, sandbox.sandbox().initialGroundTruth())).isEmpty();

            String from = DAY3.minusDays(2).toString();
            Process update = background("update", "--from", from);
            Che168Processes.awaitCountAbove(ds, update,
                    "SELECT count(*) FROM raw_data WHERE last_change_id IS NOT NULL", 60);
            server.stop();
            Run stoppedUpdate = processes.await(update);
            assertThat(stoppedUpdate.exit()).as(stoppedUpdate.err()).isEqualTo(1);
            assertThat(stoppedUpdate.err()).contains("update stopped: " + theDatabase).doesNotContain("\tat ");
            server.start();
            assertThat(count("SELECT count(*) FROM sync_state WHERE last_successful_date >= DATE '" + DAY3 + "'"))
                    .as("the days after the stop were not applied").isZero();
            Run update2 = run("update", "--from", from);
            assertThat(update2.exit()).as(update2.err()).isZero();
            assertThat(GroundTruth.differences(ds, sandbox.groundTruth(DAY3))).isEmpty();
        }
    }

    @Test
    void badOptionsAreRefusedWithExitCodeTwo() throws Exception {
        sandbox(100, 10, 0);
        Run run = run("update", "--date", "2026-11-20", "--from", "2026-11-21");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--date and --from cannot be combined").doesNotContain("\tat ");
        Run pages = run("load", "--max-pages", "0");
        assertThat(pages.exit()).isEqualTo(2);
        assertThat(pages.err()).contains("--max-pages must be at least 1");
    }
}
