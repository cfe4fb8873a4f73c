package com.che168sync.adapter.postgres.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.reconcile.DriftCounts;
import com.che168sync.application.port.out.reconcile.ReconcileCheckpoint;
import com.che168sync.application.port.out.reconcile.RepairCounts;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.db.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scan kept in PostgreSQL, its comparison with raw_data and the set-based repair, on a real database. */
class PostgresReconcileRepositoryIT {
    private static final Instant LOADED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant SCAN = Instant.parse("2026-11-27T10:00:00Z");

    private DataSource ds;
    private PostgresReconcileRepository repo;

    @BeforeEach
    void setUp() {
        ds = PostgresFixture.shared().newDatabase().dataSource();
        repo = new PostgresReconcileRepository(ds, true);
    }

    private void raw(String innerId, String data, int activeStatus, Instant updatedAt) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO raw_data (inner_id, api_id, change_type, data, first_loaded_at, last_updated_at, source,
                                      active_status, is_processed, last_change_id)
                VALUES (?, 1, 'added', ?::jsonb, ?, ?, 'initial_load', ?, true, 7)""")) {
            ps.setString(1, innerId);
            ps.setString(2, data);
            ps.setObject(3, LOADED.atOffset(ZoneOffset.UTC));
            ps.setObject(4, updatedAt.atOffset(ZoneOffset.UTC));
            ps.setInt(5, activeStatus);
            ps.executeUpdate();
        }
    }

    private static SourceOffer offer(String innerId, String data) {
        return new SourceOffer(100 + Long.parseLong(innerId), innerId, "added", Instant.parse("2026-01-01T00:00:00Z"),
                data);
    }

    private String row(String innerId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT active_status || ' ' || source || ' ' || change_type || ' ' || is_processed || ' ' || data::text
                FROM raw_data WHERE inner_id = ?""")) {
            ps.setString(1, innerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theScanIsComparedAndRepairedInTheDatabase() throws SQLException {
        raw("1", "{\"a\": 1, \"b\": 2.0}", 0, LOADED);           // same (other key order, other number spelling)
        raw("2", "{\"price\": 100}", 0, LOADED);                // changed on the site
        raw("3", "{\"price\": 300}", 1, LOADED);                // removed here, listed on the site
        raw("4", "{\"price\": 400}", 0, LOADED);                // absent from the scan, confirmed gone
        raw("5", "{\"price\": 500}", 0, SCAN.plusSeconds(60));  // absent, but the update wrote it after the scan began
        raw("6", "{\"price\": 600}", 0, SCAN.plusSeconds(7200)); // differs, but the update wrote it after the scan
        raw("8", "{\"price\": 800}", 0, LOADED);                // absent, /offer says alive with other data
        raw("9", "{\"price\": 900}", 0, LOADED);                // absent, /offer not reached: unconfirmed

        ReconcileCheckpoint started = repo.startScan(SCAN);
        assertThat(started.nextPage()).isEqualTo(1);
        repo.storeScanPage(1, List.of(offer("1", "{\"b\": 2.00, \"a\": 1}"), offer("2", "{\"price\": 150}"),
                offer("3", "{\"price\": 333}")), 2, SCAN.plusSeconds(1));
        // page 2 repeats listing 3 (the catalogue moved): the later page wins, it is counted once
        repo.storeScanPage(2, List.of(offer("3", "{\"price\": 330}"), offer("6", "{\"price\": 650}"),
                offer("7", "{\"price\": 700}")), null, SCAN.plusSeconds(2));
        ReconcileCheckpoint cp = repo.findReconcileCheckpoint().orElseThrow();
        assertThat(cp.scanFinished()).isTrue();
        assertThat(cp.pagesScanned()).isEqualTo(2);
        assertThat(cp.listingsScanned()).isEqualTo(5);
        assertThat(repo.countScanned()).isEqualTo(5);

        DriftCounts drift = repo.classify(SCAN, true);
        assertThat(drift).isEqualTo(new DriftCounts(1, 1, 1, 3, 2, 7));
        assertThat(repo.absentListings(10)).containsExactly("4", "8", "9");

        repo.recordConfirmations(List.of("4"), Map.of("8", "{\"price\": 850}"), List.of("9"), SCAN.plusSeconds(3));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incomplete_listings (inner_id, change_id, reason, attempts, recorded_at)"
                    + " SELECT id, 7, '/offer failed', 1, now() FROM unnest(ARRAY['2', '6', '8', '9']) id");
        }
        RepairCounts repaired = repo.repair(SCAN, SCAN.plusSeconds(4));
        assertThat(repaired).isEqualTo(new RepairCounts(1, 1, 2, 1));
        assertThat(count("SELECT count(*) FROM incomplete_listings WHERE inner_id IN ('6', '9')"))
                .as("2 and 8 now hold the whole listing the scan saw; 6 and 9 were not repaired").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM incomplete_listings")).isEqualTo(2);

        assertThat(row("1")).isEqualTo("0 initial_load added true {\"a\": 1, \"b\": 2.0}");
        assertThat(row("2")).isEqualTo("0 initial_load changed false {\"price\": 150}");
        assertThat(row("3")).isEqualTo("0 reconcile added false {\"price\": 330}");
        assertThat(row("4")).isEqualTo("1 initial_load removed false {\"price\": 400}");
        assertThat(row("5")).isEqualTo("0 initial_load added true {\"price\": 500}");
        assertThat(row("6")).isEqualTo("0 initial_load added true {\"price\": 600}");
        assertThat(row("7")).isEqualTo("0 reconcile added false {\"price\": 700}");
        assertThat(row("8")).isEqualTo("0 initial_load changed false {\"price\": 850}");
        assertThat(row("9")).isEqualTo("0 initial_load added true {\"price\": 900}");
        assertThat(count("SELECT count(*) FROM raw_data WHERE inner_id = '7' AND api_id = 107")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM raw_data WHERE last_change_id = 7")).as("replay guard kept").isEqualTo(8);
        assertThat(repo.findReconcileCheckpoint().orElseThrow().repaired()).isTrue();
        assertThat(repo.countScanned()).as("the scan's rows are dropped once repaired").isZero();

        // the same scan again finds nothing to do
        repo.startScan(SCAN.plusSeconds(3600));
        repo.storeScanPage(1, List.of(offer("1", "{\"a\": 1, \"b\": 2}"), offer("2", "{\"price\": 150}"),
                offer("3", "{\"price\": 330}"), offer("5", "{\"price\": 500}"), offer("6", "{\"price\": 600}"),
                offer("7", "{\"price\": 700}"), offer("8", "{\"price\": 850}"), offer("9", "{\"price\": 900}")),
                null, SCAN.plusSeconds(3601));
        assertThat(repo.classify(SCAN.plusSeconds(3600), true)).isEqualTo(new DriftCounts(0, 0, 0, 0, 0, 8));
    }

    @Test
    void aScanWithFailedPagesLooksForNoAbsentListings() throws SQLException {
        raw("1", "{}", 0, LOADED);
        raw("2", "{}", 0, LOADED);
        repo.startScan(SCAN);
        repo.storeScanPage(1, List.of(offer("1", "{}")), 2, SCAN);
        repo.recordFailedScanPage(2, 20, "HTTP 502", 3, SCAN);
        repo.storeScanPage(3, List.of(), null, SCAN);
        assertThat(repo.failedScanPages()).singleElement().satisfies(f -> assertThat(f.page()).isEqualTo(2));
        ReconcileCheckpoint cp = repo.findReconcileCheckpoint().orElseThrow();
        assertThat(cp.pagesScanned()).isEqualTo(2);
        assertThat(cp.lastPage()).isEqualTo(3);
        assertThat(cp.scanFinished()).isTrue();
        assertThat(repo.classify(SCAN, false)).isEqualTo(new DriftCounts(0, 0, 0, 0, 0, 2));
        assertThat(repo.repair(SCAN, SCAN)).isEqualTo(new RepairCounts(0, 0, 0, 0));
        assertThat(count("SELECT count(*) FROM raw_data WHERE active_status = 0")).isEqualTo(2);
    }
}
