package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.SandboxClock;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.che168sync.sandbox.SiteDrift;
import com.che168sync.sandbox.SiteListing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile} as the operator runs it (the built jar, -Xmx256m) against a sandbox whose feed misses events: load,
 * update, reconcile reach what the site holds; a second run changes nothing; a shifting catalogue removes no live
 * listing; a SIGKILL in the scan resumes; failed pages and the safety valve change nothing.
 */
class ReconcileSystemTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY3 = DAY1.plusDays(2);
    private static final int LISTINGS = 3_000;
    private static final String TOKEN = "ReconcileTest123";
    private static final Pattern READY = Pattern.compile("^API ready on (http://\\S+) ");

    @TempDir
    Path work;

    private final SandboxClock siteClock = new SandboxClock(
            DAY1.atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant().minusSeconds(3600));
    private final List<SandboxServer> sandboxes = new ArrayList<>();
    private PostgresFixture.TestDatabase db;
    private DataSource ds;
    private ProductProcess.Running serve;

    @AfterEach
    void stop() {
        sandboxes.forEach(SandboxServer::close);
        if (serve != null) {
            serve.process().destroyForcibly();
        }
    }

    /** The same site every time (same seed, same clock), served with these faults and this drift. */
    private Che168Processes site(SandboxFaults faults, int shiftEveryPages) {
        SandboxServer server = SandboxServer.start(SandboxOptions.builder().port(0).listings(LISTINGS).days(3)
                .endDate(DAY3).changesPerDay(250).seed(23).clock(siteClock).faults(faults)
                .site(SiteDrift.live().withMissedShare(0.08).withShiftEveryPages(shiftEveryPages)).build());
        sandboxes.add(server);
        return new Che168Processes(work, db).env("CHE168_BASE_URL", server.baseUrl()).env("CHE168_API_KEY", "sandbox")
                .env("RETRY_INTERVAL", "100ms");
    }

    private List<String> siteDifferences() throws SQLException {
        return GroundTruth.siteDifferences(ds, sandboxes.getFirst().sandbox().siteTruth());
    }

    private long count(String sql) throws SQLException {
        return Che168Processes.count(ds, sql);
    }

    private long lastReconcile(String stat) throws SQLException {
        return count("SELECT (stats ->> '" + stat + "')::bigint FROM operations_log WHERE operation_type = 'reconcile'"
                + " ORDER BY id DESC LIMIT 1");
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** Drift of every kind made by hand: rows lost, removed by mistake, data changed, rows the site never had. */
    private void corrupt(int n, int fakeIds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM raw_data WHERE id IN (SELECT id FROM raw_data WHERE active_status = 0 ORDER BY md5("
                    + "inner_id) LIMIT " + n + ")");
            s.execute("UPDATE raw_data SET active_status = 1 WHERE id IN (SELECT id FROM raw_data WHERE active_status = 0"
                    + " ORDER BY md5(inner_id || 'x') LIMIT " + n + ")");
            s.execute("UPDATE raw_data SET data = data || '{\"price\": 1}' WHERE id IN (SELECT id FROM raw_data"
                    + " WHERE active_status = 0 ORDER BY md5(inner_id || 'y') LIMIT " + n + ")");
            s.execute("INSERT INTO raw_data (inner_id, data, source, active_status, last_updated_at)"
                    + " SELECT (" + fakeIds + " + g)::text, '{}', 'daily_update', 0, now() - interval '1 day'"
                    + " FROM generate_series(1, " + n + ") g");
        }
    }

    @Test
    void loadUpdateAndReconcileReachWhatTheSiteHoldsWhateverHappensToTheScan() throws Exception {
        db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
        Che168Processes product = site(SandboxFaults.none(), 0);

        // the load before the first change day, then three days of a feed that misses 8 % of its events
        ok(product.run("load"));
        siteClock.set(DAY3.plusDays(1).atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant());
        ok(product.run("update", "--from", DAY1.toString()));
        List<String> drift = siteDifferences();
        assertThat(drift).as("the missed events left the mirror behind the site").isNotEmpty();

        Run first = ok(product.run("reconcile"));
        assertThat(siteDifferences()).isEmpty();
        assertThat(lastReconcile("added")).isPositive();
        assertThat(lastReconcile("changed")).isPositive();
        assertThat(lastReconcile("removed")).isPositive();
        assertThat(count("SELECT count(*) FROM raw_data WHERE source = 'reconcile'")).isPositive();
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'reconcile' AND status = 'OK'"))
                .isEqualTo(1);
        assertThat(first.out()).contains("Reconciled: ");
        Run status = ok(product.run("status"));
        assertThat(status.out()).containsPattern("Reconciliation: +last run .*, OK; drift: [1-9]\\d* added");

        // a second run changes nothing
        String checksum = GroundTruth.checksum(ds);
        ok(product.run("reconcile"));
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
        for (String stat : List.of("added", "reactivated", "changed", "removed")) {
            assertThat(lastReconcile(stat)).as(stat).isZero();
        }

        // normalize, and the API serves what the site holds
        ok(product.run("normalize"));
        long listed = sandboxes.getFirst().sandbox().siteTruth().count();
        assertThat(count("SELECT count(*) FROM processed_data WHERE is_active")).isEqualTo(listed);
        String added = sandboxes.getFirst().sandbox().siteTruth().map(SiteListing::innerId)
                .filter(id -> {
                    try {
                        return count("SELECT count(*) FROM raw_data WHERE source = 'reconcile' AND inner_id = '" + id
                                + "'") == 1;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow();
        serveAndCheck(listed, added);

        // a scan over a catalogue whose listings move while it pages: no live listing is marked removed
        checksum = GroundTruth.checksum(ds);
        Run shifting = ok(site(SandboxFaults.none(), 3).run("reconcile"));
        assertThat(lastReconcile("confirmed_alive")).as(shifting.err()).isPositive();
        assertThat(lastReconcile("removed")).isZero();
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
        assertThat(siteDifferences()).isEmpty();

        // over the safety valve: nothing changes, exit 1, says why; --force repairs from the kept scan
        corrupt(40, 1000);
        String corrupted = GroundTruth.checksum(ds);
        Che168Processes strict = site(SandboxFaults.none(), 0).env("RECONCILE_MAX_CHANGE_SHARE", "0.01");
        Run valve = strict.run("reconcile");
        assertThat(valve.exit()).isEqualTo(1);
        assertThat(valve.err()).contains("Safety valve").contains("reconcile --force").doesNotContain("\tat ");
        assertThat(GroundTruth.checksum(ds)).isEqualTo(corrupted);
        assertThat(lastReconcile("skipped_by_valve")).isEqualTo(160);
        Run forced = ok(strict.run("reconcile", "--force"));
        assertThat(forced.err()).contains("is complete").doesNotContain("Starting a reconciliation scan");
        assertThat(siteDifferences()).isEmpty();

        // SIGKILL in the middle of the scan: nothing repaired yet; the next run resumes and ends in the same state
        corrupt(30, 2000);
        corrupted = GroundTruth.checksum(ds);
        Che168Processes slow = site(SandboxFaults.none().withLatencyMs(15), 0);
        for (int kill = 0; kill < 2; kill++) {
            long before = count("SELECT count(*) FROM reconcile_checkpoint WHERE repaired_at IS NULL")
                    == 0 ? 0 : count("SELECT pages_scanned FROM reconcile_checkpoint");
            Process process = slow.background("reconcile");
            Che168Processes.awaitCountAbove(ds, process,
                    "SELECT pages_scanned FROM reconcile_checkpoint WHERE repaired_at IS NULL", before + 10);
            Che168Processes.kill(process);
            assertThat(GroundTruth.checksum(ds)).as("a killed scan repaired nothing").isEqualTo(corrupted);
        }
        Run resumed = ok(slow.run("reconcile"));
        assertThat(resumed.err()).contains("Resuming the reconciliation scan at page");
        assertThat(siteDifferences()).isEmpty();
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'reconcile' AND status = 'ERROR'"
                + " AND details LIKE 'interrupted%'")).isEqualTo(2);

        // failed pages: nothing is removed (the listings on them may be alive); exit 1
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO raw_data (inner_id, data, source, active_status, last_updated_at)"
                    + " SELECT (3000 + g)::text, '{}', 'daily_update', 0, now() - interval '1 day'"
                    + " FROM generate_series(1, 20) g");
        }
        String withGhosts = GroundTruth.checksum(ds);
        Run failing = site(SandboxFaults.none().withErrorRate(0.4), 0).env("RETRY_ATTEMPTS", "2").run("reconcile");
        assertThat(failing.exit()).as(failing.out() + failing.err()).isEqualTo(1);
        assertThat(failing.err()).contains("failed page(s)").contains("removes nothing");
        assertThat(lastReconcile("failed_pages")).isPositive();
        assertThat(GroundTruth.checksum(ds)).isEqualTo(withGhosts);
        ok(product.run("reconcile"));
        assertThat(siteDifferences()).isEmpty();
    }

    /** serve: /stats shows the last reconciliation and counts the site's listings; a listing it added is served. */
    private void serveAndCheck(long listed, String added) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_tokens (token, description) VALUES ('" + TOKEN + "', 'reconcile test')");
        }
        Map<String, String> settings = new HashMap<>(db.productSettings());
        settings.put("LOG_DIR", work.resolve("logs").toString());
        settings.put("DATA_DIR", work.resolve("data").toString());
        settings.put("API_HOST", "127.0.0.1");
        settings.put("API_PORT", Integer.toString(ProductProcess.freePort()));
        serve = ProductProcess.start(work, settings, List.of("-Xmx256m"), "serve");
        String base = serve.awaitMatch(READY, Duration.ofMinutes(2));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(URI.create(base + "/stats"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"active\":" + listed).containsPattern(
                "\"last_reconciliation\":\\{\"id\":\\d+,\"operation_type\":\"reconcile\",\"started_at\":\"[^\"]+\","
                        + "\"duration_seconds\":[0-9.]+,\"status\":\"OK\",\"stats\":\\{[^}]*\"added\":0");
        HttpResponse<String> offer = http.send(HttpRequest.newBuilder(URI.create(base + "/offers/" + added))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(offer.statusCode()).as(offer.body()).isEqualTo(200);
        serve.process().destroy();
        serve.process().waitFor();
        serve = null;
    }
}
