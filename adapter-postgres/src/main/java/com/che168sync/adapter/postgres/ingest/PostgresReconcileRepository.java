package com.che168sync.adapter.postgres.ingest;

import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.reconcile.DriftCounts;
import com.che168sync.application.port.out.reconcile.ReconcileCheckpoint;
import com.che168sync.application.port.out.reconcile.ReconcileStorePort;
import com.che168sync.application.port.out.reconcile.RepairCounts;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.domain.offer.ChangeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * {@code reconcile_checkpoint}, {@code reconcile_scan}, {@code reconcile_drift} and {@code reconcile_failed_pages}:
 * the reconciliation's scan kept in PostgreSQL (the heap holds one page at a time), compared with {@code raw_data}
 * and repaired set-based.
 *
 * <p>A page of the scan is one multi-row upsert into {@code reconcile_scan} chained with its checkpoint update (one
 * round trip, one transaction, {@code synchronous_commit = off} like the load: a crash loses the last pages together
 * with their checkpoint). The comparison is one {@code INSERT … SELECT} over a join of the scan and {@code raw_data}
 * (jsonb equality, so key order and number spelling do not count as drift); the repair is four statements
 * ({@code UPDATE … FROM}, {@code INSERT … SELECT}) in one transaction.
 */
public final class PostgresReconcileRepository implements ReconcileStorePort {

    private static String insertScanPage(int n) {
        StringBuilder sb = new StringBuilder(600 + n * 50).append("""
                WITH ins AS (
                    INSERT INTO reconcile_scan AS s (inner_id, api_id, change_type, created_at, data, page, scanned_at)
                    SELECT DISTINCT ON (u.inner_id) u.inner_id, u.api_id, u.change_type, u.created_at, u.data, ?, ?
                    FROM (VALUES\s""");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("(?, ?::bigint, ?, ?::timestamptz, ?::jsonb, ").append(i).append(")");
        }
        return sb.append("""
                    ) AS u(inner_id, api_id, change_type, created_at, data, ord)
                    ORDER BY u.inner_id, u.ord DESC
                    ON CONFLICT (inner_id) DO UPDATE
                    SET api_id = EXCLUDED.api_id, change_type = EXCLUDED.change_type, created_at = EXCLUDED.created_at,
                        data = EXCLUDED.data, page = EXCLUDED.page, scanned_at = EXCLUDED.scanned_at
                    RETURNING (xmax = 0) AS inserted
                ), cp AS (
                    UPDATE reconcile_checkpoint
                    SET last_page = ?, next_page = ?, pages_scanned = pages_scanned + 1,
                        listings_scanned = listings_scanned + (SELECT count(*) FILTER (WHERE inserted) FROM ins),
                        scan_finished_at = CASE WHEN ?::integer IS NULL THEN ?::timestamptz END, updated_at = ?
                    WHERE id = 1
                    RETURNING 1
                )
                SELECT count(*) FROM cp""").toString();
    }

    private static final String CLASSIFY_SCAN = """
            INSERT INTO reconcile_drift (inner_id, action)
            SELECT s.inner_id, CASE WHEN r.inner_id IS NULL THEN 'add'
                                    WHEN r.last_updated_at >= s.scanned_at THEN 'newer'
                                    WHEN r.active_status = 1 THEN 'reactivate'
                                    ELSE 'change' END
            FROM reconcile_scan s LEFT JOIN raw_data r ON r.inner_id = s.inner_id
            WHERE r.inner_id IS NULL OR r.active_status = 1 OR r.data <> s.data""";

    private static final String CLASSIFY_ABSENT = """
            INSERT INTO reconcile_drift (inner_id, action)
            SELECT r.inner_id, CASE WHEN r.last_updated_at >= ? THEN 'newer' ELSE 'absent' END
            FROM raw_data r
            WHERE r.active_status = 0
              AND NOT EXISTS (SELECT 1 FROM reconcile_scan s WHERE s.inner_id = r.inner_id)""";

    private static final String REPAIR_CHANGE = """
            UPDATE raw_data r
            SET data = s.data, change_type = 'changed', last_updated_at = ?, is_processed = false
            FROM reconcile_drift d JOIN reconcile_scan s ON s.inner_id = d.inner_id
            WHERE d.action = 'change' AND r.inner_id = d.inner_id AND r.active_status = 0
              AND r.last_updated_at < s.scanned_at AND r.data <> s.data""";

    private static final String REPAIR_REACTIVATE = """
            UPDATE raw_data r
            SET data = s.data, active_status = 0, change_type = 'added', source = 'reconcile',
                api_id = coalesce(s.api_id, r.api_id), created_at = coalesce(s.created_at, r.created_at),
                last_updated_at = ?, is_processed = false
            FROM reconcile_drift d JOIN reconcile_scan s ON s.inner_id = d.inner_id
            WHERE d.action = 'reactivate' AND r.inner_id = d.inner_id AND r.active_status = 1
              AND r.last_updated_at < s.scanned_at""";

    private static final String REPAIR_ADD = """
            INSERT INTO raw_data (inner_id, api_id, change_type, created_at, data, first_loaded_at, last_updated_at,
                                  source, active_status, is_processed)
            SELECT s.inner_id, s.api_id, 'added', s.created_at, s.data, ?, ?, 'reconcile', 0, false
            FROM reconcile_drift d JOIN reconcile_scan s ON s.inner_id = d.inner_id
            WHERE d.action = 'add'
            ON CONFLICT (inner_id) DO NOTHING""";

    private static final String REPAIR_REMOVE = """
            UPDATE raw_data r
            SET active_status = 1, change_type = 'removed', last_updated_at = ?, is_processed = false
            FROM reconcile_drift d
            WHERE d.action = 'remove' AND r.inner_id = d.inner_id AND r.active_status = 0 AND r.last_updated_at < ?""";

    /** A listing stored from an event alone that now holds what the scan saw (the whole listing) is complete. */
    private static final String COMPLETES_INCOMPLETE = """
            DELETE FROM incomplete_listings i
            USING reconcile_scan s JOIN raw_data r ON r.inner_id = s.inner_id
            WHERE i.inner_id = s.inner_id AND r.data = s.data""";

    private final ConcurrentMap<Integer, String> scanPageSql = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final boolean asyncCommit;

    /**
     * @param dataSource  a pool of the product's database
     * @param asyncCommit commit the scan's pages with {@code synchronous_commit = off}
     */
    public PostgresReconcileRepository(DataSource dataSource, boolean asyncCommit) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.asyncCommit = asyncCommit;
    }

    @Override
    public Optional<ReconcileCheckpoint> findReconcileCheckpoint() {
        return inTransaction("read the reconcile checkpoint", false, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT started_at, last_page, next_page, pages_scanned, listings_scanned, scan_finished_at,
                           repaired_at
                    FROM reconcile_checkpoint WHERE id = 1""")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int next = rs.getInt(3);
                Integer nextPage = rs.wasNull() ? null : next;
                return Optional.of(new ReconcileCheckpoint(instant(rs, 1), rs.getInt(2), nextPage, rs.getInt(4),
                        rs.getLong(5), instant(rs, 6), instant(rs, 7)));
            }
        });
    }

    @Override
    public ReconcileCheckpoint startScan(Instant now) {
        return inTransaction("start a reconciliation scan", false, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE reconcile_scan, reconcile_drift, reconcile_failed_pages");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconcile_checkpoint (id, started_at, last_page, next_page, pages_scanned,
                                                      listings_scanned, scan_finished_at, repaired_at, updated_at)
                    VALUES (1, ?, 0, 1, 0, 0, NULL, NULL, ?)
                    ON CONFLICT (id) DO UPDATE
                    SET started_at = EXCLUDED.started_at, last_page = 0, next_page = 1, pages_scanned = 0,
                        listings_scanned = 0, scan_finished_at = NULL, repaired_at = NULL,
                        updated_at = EXCLUDED.updated_at""")) {
                ps.setObject(1, odt(now));
                ps.setObject(2, odt(now));
                ps.executeUpdate();
            }
            return new ReconcileCheckpoint(now, 0, 1, 0, 0, null, null);
        });
    }

    @Override
    public void storeScanPage(int page, List<SourceOffer> offers, Integer nextPage, Instant now) {
        inTransaction("store scan page " + page, asyncCommit, c -> {
            if (offers.isEmpty()) {
                advance(c, page, nextPage, now, false);
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(scanPageSql.computeIfAbsent(offers.size(),
                    PostgresReconcileRepository::insertScanPage))) {
                int i = 1;
                ps.setInt(i++, page);
                ps.setObject(i++, odt(now));
                for (SourceOffer o : offers) {
                    ps.setString(i++, o.innerId());
                    ps.setLong(i++, o.apiId());
                    ps.setString(i++, ChangeType.fromSource(o.changeType()).map(ChangeType::sourceName).orElse(null));
                    ps.setObject(i++, odt(o.createdAt()));
                    ps.setString(i++, JsonRepair.storable(o.dataJson(), false)); // NUL, lone surrogates: as load
                }
                ps.setInt(i++, page);
                ps.setObject(i++, nextPage, Types.INTEGER);
                ps.setObject(i++, nextPage, Types.INTEGER);
                ps.setObject(i++, odt(now));
                ps.setObject(i, odt(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        throw new IllegalStateException("reconcile_checkpoint has no row: start the scan first");
                    }
                }
            }
            return null;
        });
    }

    private static void advance(Connection c, int page, Integer nextPage, Instant now, boolean failed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE reconcile_checkpoint
                SET last_page = ?, next_page = ?, pages_scanned = pages_scanned + ?,
                    scan_finished_at = CASE WHEN ?::integer IS NULL THEN ?::timestamptz END, updated_at = ?
                WHERE id = 1""")) {
            ps.setInt(1, page);
            ps.setObject(2, nextPage, Types.INTEGER);
            ps.setInt(3, failed ? 0 : 1);
            ps.setObject(4, nextPage, Types.INTEGER);
            ps.setObject(5, odt(now));
            ps.setObject(6, odt(now));
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("reconcile_checkpoint has no row: start the scan first");
            }
        }
    }

    @Override
    public void recordFailedScanPage(int page, int attempts, String error, Integer nextPage, Instant now) {
        inTransaction("record failed scan page " + page, false, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reconcile_failed_pages (page, attempts, last_error, failed_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (page) DO UPDATE
                    SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, failed_at = EXCLUDED.failed_at""")) {
                ps.setInt(1, page);
                ps.setInt(2, attempts);
                ps.setString(3, error);
                ps.setObject(4, odt(now));
                ps.executeUpdate();
            }
            advance(c, page, nextPage, now, true);
            return null;
        });
    }

    @Override
    public List<FailedPage> failedScanPages() {
        return inTransaction("read the failed scan pages", false, c -> {
            List<FailedPage> pages = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT page, attempts, last_error, failed_at FROM reconcile_failed_pages ORDER BY page")) {
                while (rs.next()) {
                    pages.add(new FailedPage(rs.getInt(1), rs.getInt(2), rs.getString(3), instant(rs, 4)));
                }
            }
            return pages;
        });
    }

    @Override
    public long countScanned() {
        return inTransaction("count the scanned listings", false, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM reconcile_scan")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public DriftCounts classify(Instant scanStartedAt, boolean findAbsent) {
        return inTransaction("compare the scan with raw_data", false, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE reconcile_drift");
                s.executeUpdate(CLASSIFY_SCAN);
            }
            if (findAbsent) {
                try (PreparedStatement ps = c.prepareStatement(CLASSIFY_ABSENT)) {
                    ps.setObject(1, odt(scanStartedAt));
                    ps.executeUpdate();
                }
            }
            Map<String, Long> counts = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT action, count(*) FROM reconcile_drift GROUP BY action")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            long active;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM raw_data WHERE active_status = 0")) {
                rs.next();
                active = rs.getLong(1);
            }
            return new DriftCounts(counts.getOrDefault("add", 0L), counts.getOrDefault("reactivate", 0L),
                    counts.getOrDefault("change", 0L), counts.getOrDefault("absent", 0L),
                    counts.getOrDefault("newer", 0L), active);
        });
    }

    @Override
    public List<String> absentListings(int limit) {
        return inTransaction("read the absent listings", false, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT inner_id FROM reconcile_drift WHERE action = 'absent' ORDER BY inner_id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public void recordConfirmations(List<String> gone, Map<String, String> alive, List<String> unconfirmed,
            Instant now) {
        inTransaction("record " + (gone.size() + alive.size() + unconfirmed.size()) + " removal checks", false, c -> {
            setAction(c, gone, "remove");
            setAction(c, unconfirmed, "unconfirmed");
            if (!alive.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO reconcile_scan (inner_id, api_id, change_type, created_at, data, page, scanned_at)
                        SELECT u.inner_id, NULL, NULL, NULL, u.data::jsonb, 0, ?
                        FROM unnest(?::text[], ?::text[]) AS u(inner_id, data)
                        ON CONFLICT (inner_id) DO UPDATE SET data = EXCLUDED.data, page = 0,
                                                             scanned_at = EXCLUDED.scanned_at""")) {
                    ps.setObject(1, odt(now));
                    ps.setArray(2, c.createArrayOf("text", alive.keySet().toArray(String[]::new)));
                    ps.setArray(3, c.createArrayOf("text", alive.values().stream()
                            .map(json -> JsonRepair.storable(json, true)).toArray(String[]::new)));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE reconcile_drift d
                        SET action = CASE WHEN r.data <> s.data THEN 'change' ELSE 'alive' END
                        FROM reconcile_scan s, raw_data r
                        WHERE d.inner_id = ANY (?::text[]) AND s.inner_id = d.inner_id AND r.inner_id = d.inner_id""")) {
                    ps.setArray(1, c.createArrayOf("text", alive.keySet().toArray(String[]::new)));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void setAction(Connection c, List<String> ids, String action) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reconcile_drift SET action = ? WHERE inner_id = ANY (?::text[])")) {
            ps.setString(1, action);
            ps.setArray(2, c.createArrayOf("text", ids.toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    @Override
    public RepairCounts repair(Instant scanStartedAt, Instant now) {
        return inTransaction("repair raw_data", false, c -> {
            long changed = update(c, REPAIR_CHANGE, now);
            long reactivated = update(c, REPAIR_REACTIVATE, now);
            long added;
            try (PreparedStatement ps = c.prepareStatement(REPAIR_ADD)) {
                ps.setObject(1, odt(now));
                ps.setObject(2, odt(now));
                added = ps.executeUpdate();
            }
            long removed = update(c, REPAIR_REMOVE, now, scanStartedAt);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reconcile_checkpoint SET repaired_at = ?, updated_at = ? WHERE id = 1")) {
                ps.setObject(1, odt(now));
                ps.setObject(2, odt(now));
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute(COMPLETES_INCOMPLETE);
                s.execute("TRUNCATE reconcile_scan");
            }
            return new RepairCounts(added, reactivated, changed, removed);
        });
    }

    private static long update(Connection c, String sql, Instant... times) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < times.length; i++) {
                ps.setObject(i + 1, odt(times[i]));
            }
            return ps.executeUpdate();
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private <T> T inTransaction(String what, boolean async, Transactions.Work<T> work) {
        return Transactions.inTransaction(dataSource, what, async, work);
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
