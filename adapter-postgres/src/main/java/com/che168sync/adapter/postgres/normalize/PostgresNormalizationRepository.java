package com.che168sync.adapter.postgres.normalize;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;

import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.NormalizationStoreException;
import com.che168sync.application.port.out.normalize.NormalizationStoreUnavailableException;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The normalizer's side of PostgreSQL, set-based: one query reads a batch of the queue (keyset on the partial
 * index {@code raw_data_unprocessed_idx}); one multi-row {@code INSERT … VALUES … ON CONFLICT (inner_id) DO
 * UPDATE} writes a batch into processed_data and one {@code UPDATE raw_data … FROM unnest(…)} marks the raw rows
 * processed, in the same transaction. Plain JDBC rather than jOOQ's DSL, with the columns derived from the generated
 * table ({@link ProcessedDataColumns}): the statement text is built once per batch size and cached, so the hot path
 * pays no rendering (jOOQ's DSL costs ~5 ms more client CPU per batch of 200; docs/adr/0042-hot-paths-jdbc.md).
 *
 * <p>Optimistic, not locking: a raw row is marked processed only if its {@code xmin} is still the one read, so a
 * daily update that changes a row while it is being normalized leaves it queued instead of losing the change.
 */
public final class PostgresNormalizationRepository implements LoadRawListingsPort, SaveNormalizedPort {
    private static final String SELECT_BATCH = """
            SELECT id, xmin::text::bigint, inner_id, active_status, last_updated_at, data::text
            FROM raw_data
            WHERE is_processed = false AND id > ? AND normalize_attempts < ?
            ORDER BY id
            LIMIT ?""";

    /** processed_data's columns, their placeholders and the update list come from {@link ProcessedDataColumns}. */
    private static final String ON_CONFLICT = " ON CONFLICT (" + PROCESSED_DATA.INNER_ID.getName() + ") DO UPDATE SET "
            + ProcessedDataColumns.UPDATE_ALL + " RETURNING (xmax = 0), " + PROCESSED_DATA.IS_ACTIVE.getName();

    private static final String MARK_PROCESSED = """
            UPDATE raw_data r SET is_processed = true, normalize_error = NULL, normalize_attempts = 0
            FROM unnest(?::bigint[], ?::bigint[]) AS u(id, version)
            WHERE r.id = u.id AND r.xmin::text::bigint = u.version""";

    private static final String RECORD_FAILURES = """
            UPDATE raw_data r SET normalize_error = u.error, normalize_attempts = r.normalize_attempts + 1
            FROM unnest(?::bigint[], ?::text[]) AS u(id, error)
            WHERE r.id = u.id""";

    private static final String QUEUE_STATS = """
            SELECT count(*) FILTER (WHERE normalize_attempts < ?), count(*) FILTER (WHERE normalize_attempts >= ?),
                   (SELECT count(*) FROM processed_data WHERE normalizer_version < ?)
            FROM raw_data WHERE is_processed = false""";

    private static final String UNMAPPED = """
            SELECT field, source, count(*) FROM (
                SELECT 'engine_type' AS field, engine_type_source AS source FROM processed_data
                    WHERE engine_type = 'unknown'
                UNION ALL SELECT 'transmission_type', transmission_type_source FROM processed_data
                    WHERE transmission_type = 'unknown'
                UNION ALL SELECT 'drive_type', drive_type_source FROM processed_data WHERE drive_type = 'unknown'
                UNION ALL SELECT 'body_type', body_type_source FROM processed_data WHERE body_type = 'unknown'
                UNION ALL SELECT 'color', color_source FROM processed_data WHERE color = 'unknown'
                UNION ALL SELECT n ->> 'field', n ->> 'value'
                    FROM processed_data, jsonb_array_elements(normalized_data -> 'quality_notes') n
                    WHERE normalized_data -> 'quality_notes' @> '[{"kind": "unmapped"}]'
                      AND n ->> 'kind' = 'unmapped'
                      AND n ->> 'field' NOT IN ('engine_type', 'transmission_type', 'drive_type', 'body_type', 'color')
            ) t
            GROUP BY field, source
            ORDER BY field, count(*) DESC, source""";

    private final DataSource dataSource;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String database;

    public PostgresNormalizationRepository(DataSource dataSource) {
        this(dataSource, "PostgreSQL");
    }

    /** As above; {@code database} names the server in messages (e.g. {@code PostgreSQL at db:5432, database che168}). */
    public PostgresNormalizationRepository(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = java.util.Objects.requireNonNull(database, "database");
    }

    @Override
    public QueueStats queueStats(int maxAttempts, int normalizerVersion) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUEUE_STATS)) {
            s.setInt(1, maxAttempts);
            s.setInt(2, maxAttempts);
            s.setInt(3, normalizerVersion);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new QueueStats(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw storeFailure("cannot read the normalizer's queue: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RawListing> loadBatch(long afterId, int limit, int maxAttempts) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT_BATCH)) {
            s.setLong(1, afterId);
            s.setInt(2, maxAttempts);
            s.setInt(3, limit);
            List<RawListing> out = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(6);
                    Timestamp updated = rs.getTimestamp(5);
                    out.add(new RawListing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 0,
                            updated == null ? null : updated.toInstant(), () -> parse(text)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw storeFailure("cannot read raw_data: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text) {
        try {
            if (json.readValue(text, Object.class) instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException("raw_data.data is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    @Override
    public long requeueAll() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE raw_data SET is_processed = false, normalize_attempts = 0, normalize_error = NULL
                WHERE is_processed OR normalize_attempts > 0 OR normalize_error IS NOT NULL""")) {
            s.executeUpdate();
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM raw_data");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw storeFailure("cannot queue raw_data again: " + e.getMessage(), e);
        }
    }

    @Override
    public SaveOutcome save(List<NormalizedRow> rows) {
        if (rows.isEmpty()) {
            return SaveOutcome.NONE;
        }
        int n = rows.size();
        String[] documents = new String[n];
        Long[] rawIds = new Long[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            NormalizedRow row = rows.get(i);
            documents[i] = row.normalization().toJson();
            rawIds[i] = row.raw().id();
            versions[i] = row.raw().rowVersion();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    // a batch and its flags commit together and redoing a batch is harmless: a crash can only lose
                    // whole batches, which stay queued, so there is no need to wait for the WAL flush
                    st.execute("SET LOCAL synchronous_commit = off");
                }
                int created = 0;
                int updated = 0;
                int inactive = 0;
                // one multi-row VALUES statement: plain parameters bind and parse faster than arrays of JSON text
                try (PreparedStatement s = c.prepareStatement(upsertSql(n))) {
                    for (int i = 0; i < n; i++) {
                        ProcessedDataColumns.bind(s, i * ProcessedDataColumns.PARAMS_PER_ROW + 1, rows.get(i),
                                documents[i]);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getBoolean(1)) {
                                created++;
                            } else {
                                updated++;
                            }
                            if (!rs.getBoolean(2)) {
                                inactive++;
                            }
                        }
                    }
                }
                int marked;
                try (PreparedStatement s = c.prepareStatement(MARK_PROCESSED)) {
                    s.setArray(1, c.createArrayOf("int8", rawIds));
                    s.setArray(2, c.createArrayOf("int8", versions));
                    marked = s.executeUpdate();
                }
                c.commit();
                return new SaveOutcome(created, updated, inactive, n - marked);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw storeFailure(describe(e), e);
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, String> UPSERT_SQL =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String upsertSql(int rows) {
        return UPSERT_SQL.computeIfAbsent(rows, r -> {
            StringBuilder sql = new StringBuilder(100 + r * 80 + ON_CONFLICT.length());
            sql.append("INSERT INTO ").append(PROCESSED_DATA.getName()).append(" AS p (")
                    .append(ProcessedDataColumns.NAMES).append(") VALUES ");
            for (int i = 0; i < r; i++) {
                sql.append(i == 0 ? "" : ",").append(ProcessedDataColumns.ROW);
            }
            return sql.append(ON_CONFLICT).toString();
        });
    }

    @Override
    public void recordFailures(List<RecordFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Long[] ids = new Long[failures.size()];
        String[] errors = new String[failures.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = failures.get(i).rawId();
            String error = failures.get(i).error();
            errors[i] = error == null ? "unknown error" : error.replace('\u0000', ' ');
            if (errors[i].length() > 2000) {
                errors[i] = errors[i].substring(0, 2000);
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECORD_FAILURES)) {
            s.setArray(1, c.createArrayOf("int8", ids));
            s.setArray(2, c.createArrayOf("text", errors));
            s.executeUpdate();
        } catch (SQLException e) {
            throw storeFailure("cannot record normalization failures: " + describe(e), e);
        }
    }

    @Override
    public List<UnmappedValue> unmappedValues() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(UNMAPPED);
             ResultSet rs = s.executeQuery()) {
            List<UnmappedValue> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new UnmappedValue(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
            return out;
        } catch (SQLException e) {
            throw storeFailure("cannot read unmapped labels: " + describe(e), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded by the pool
        }
    }

    /**
     * A failure of the database itself (SQLSTATE classes 08 connection exception, 53 insufficient resources, 57
     * operator intervention such as a shutdown, or no SQLSTATE at all: the connection is gone) as
     * {@link NormalizationStoreUnavailableException}: no record is to blame, none is isolated or parked. Anything
     * else (the database answered and refused the rows) as {@link NormalizationStoreException}, for the normalizer
     * to isolate the bad record.
     */
    private NormalizationStoreException storeFailure(String message, SQLException e) {
        String state = e.getSQLState();
        boolean databaseDown = state == null || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") || e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.sql.SQLNonTransientConnectionException
                || e instanceof java.sql.SQLRecoverableException;
        return databaseDown
                ? new NormalizationStoreUnavailableException("the database (" + database + ") failed (not a"
                        + " record): " + message, e)
                : new NormalizationStoreException(message, e);
    }

    /** The server's message without the values of the statement (they can be long; they are not secrets). */
    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int detail = message.indexOf("\n  Where:");
        message = detail > 0 ? message.substring(0, detail) : message;
        return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + message.replace('\n', ' ');
    }
}
