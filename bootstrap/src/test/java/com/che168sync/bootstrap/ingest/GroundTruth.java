package com.che168sync.bootstrap.ingest;

import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.SiteListing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** Compares raw_data with the sandbox's ground truth, row by row, in SQL (jsonb equality for data). */
final class GroundTruth {
    private GroundTruth() {
    }

    /**
     * The differences (at most 10 described), empty when raw_data equals the truth exactly: same inner_ids, no
     * duplicates, equal data (as jsonb), active_status, change_type, last_change_id and source.
     */
    static List<String> differences(DataSource ds, Stream<GroundTruthEntry> truth) throws SQLException {
        try (Connection c = ds.getConnection()) {
            fill(c, "truth", "inner_id text PRIMARY KEY, active_status int, change_type text, last_change_id bigint,"
                    + " source text, data jsonb", "?, ?, ?, ?, ?, ?::jsonb", truth, (ps, e) -> {
                        ps.setString(1, e.innerId());
                        ps.setInt(2, e.activeStatus());
                        ps.setString(3, e.changeType());
                        ps.setObject(4, e.lastChangeId());
                        ps.setString(5, e.source());
                        ps.setString(6, e.dataJson());
                    });
            List<String> diffs = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT coalesce(r.inner_id, t.inner_id),
                           CASE WHEN r.inner_id IS NULL THEN 'missing in raw_data'
                                WHEN t.inner_id IS NULL THEN 'not in the ground truth'
                                WHEN r.data <> t.data THEN 'data differs: ' || left(r.data::text, 300) || ' <> '
                                     || left(t.data::text, 300)
                                ELSE 'columns differ: ' || concat_ws(',', r.active_status, r.change_type,
                                     r.last_change_id, r.source) || ' <> ' || concat_ws(',', t.active_status,
                                     t.change_type, t.last_change_id, t.source) END
                    FROM raw_data r FULL JOIN truth t ON t.inner_id = r.inner_id
                    WHERE r.inner_id IS NULL OR t.inner_id IS NULL OR r.data <> t.data
                       OR r.active_status <> t.active_status OR r.change_type <> t.change_type
                       OR r.last_change_id IS DISTINCT FROM t.last_change_id OR r.source <> t.source
                    LIMIT 10""")) {
                while (rs.next()) {
                    diffs.add(rs.getString(1) + ": " + rs.getString(2));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM raw_data), (SELECT count(DISTINCT inner_id) FROM raw_data),"
                            + " (SELECT count(*) FROM truth)")) {
                rs.next();
                if (rs.getLong(1) != rs.getLong(2)) {
                    diffs.add("duplicates in raw_data: " + rs.getLong(1) + " rows, " + rs.getLong(2) + " inner_ids");
                }
                if (rs.getLong(1) != rs.getLong(3)) {
                    diffs.add("raw_data has " + rs.getLong(1) + " rows, the truth " + rs.getLong(3));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE truth");
            }
            return diffs;
        }
    }

    /**
     * The differences (at most 10 described) between the active rows of raw_data and what the site lists now: the
     * same inner_ids active, with equal data (as jsonb). Removed rows keep whatever data they had: not compared.
     */
    static List<String> siteDifferences(DataSource ds, Stream<SiteListing> site) throws SQLException {
        try (Connection c = ds.getConnection()) {
            fill(c, "site", "inner_id text PRIMARY KEY, data jsonb", "?, ?::jsonb", site, (ps, l) -> {
                ps.setString(1, l.innerId());
                ps.setString(2, l.dataJson());
            });
            List<String> diffs = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT coalesce(r.inner_id, t.inner_id),
                           CASE WHEN r.inner_id IS NULL THEN 'listed on the site, not active in raw_data'
                                WHEN t.inner_id IS NULL THEN 'active in raw_data, not listed on the site'
                                ELSE 'data differs: ' || left(r.data::text, 200) || ' <> ' || left(t.data::text, 200)
                           END
                    FROM (SELECT inner_id, data FROM raw_data WHERE active_status = 0) r
                         FULL JOIN site t ON t.inner_id = r.inner_id
                    WHERE r.inner_id IS NULL OR t.inner_id IS NULL OR r.data <> t.data
                    ORDER BY 1 LIMIT 10""")) {
                while (rs.next()) {
                    diffs.add(rs.getString(1) + ": " + rs.getString(2));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE site");
            }
            return diffs;
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** (Re)creates the scratch table {@code name} and fills it with {@code rows}, in batches of 1,000. */
    private static <T> void fill(Connection c, String name, String columns, String placeholders, Stream<T> rows,
            Binder<T> binder) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute("CREATE TABLE " + name + " (" + columns + ")");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name + " VALUES (" + placeholders + ")")) {
            Iterator<T> it = rows.iterator();
            int n = 0;
            while (it.hasNext()) {
                binder.bind(ps, it.next());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** A checksum of everything in raw_data (every column), to prove a re-run changed nothing. */
    static String checksum(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r.inner_id)), '')"
                        + " FROM raw_data r")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
