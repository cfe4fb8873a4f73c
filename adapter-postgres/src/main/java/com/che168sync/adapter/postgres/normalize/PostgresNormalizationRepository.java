package com.che168sync.adapter.postgres.normalize;

import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.NormalizationStoreException;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.domain.normalize.Coded;
import com.che168sync.domain.normalize.Location;
import com.che168sync.domain.normalize.NormalizedListing;
import com.che168sync.domain.normalize.Normalizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The normalizer's side of PostgreSQL, set-based: one query reads a batch of the queue (keyset on the partial
 * index {@code raw_data_unprocessed_idx}); one {@code INSERT … SELECT FROM unnest(…) ON CONFLICT (inner_id) DO
 * UPDATE} writes a batch into processed_data and one {@code UPDATE raw_data … FROM unnest(…)} marks the raw rows
 * processed, in the same transaction. Plain JDBC with array parameters rather than jOOQ's DSL: 30 arrays of 200
 * values bind in one round trip, and the hot path stays free of rendering costs (see docs/normalization.md).
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

    private static final String UPSERT = """
            INSERT INTO processed_data AS p (inner_id, is_active, mark, model, configuration, car_name, year,
                first_registration, price, km_age, engine_type, engine_type_source, transmission_type,
                transmission_type_source, body_type, body_type_source, drive_type, drive_type_source, color,
                color_source, displacement, power, city, province, seller_type, is_dealer, salon_id, offer_created,
                normalized_data, normalizer_version, raw_updated_at, normalized_at)
            SELECT u.inner_id, u.is_active, u.mark, u.model, u.configuration, u.car_name, u.year,
                u.first_registration, u.price, u.km_age, u.engine_type, u.engine_type_source, u.transmission_type,
                u.transmission_type_source, u.body_type, u.body_type_source, u.drive_type, u.drive_type_source,
                u.color, u.color_source, u.displacement, u.power, u.city, u.province, u.seller_type, u.is_dealer,
                u.salon_id, u.offer_created, u.normalized_data::jsonb, ?, u.raw_updated_at, now()
            FROM unnest(?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::integer[], ?::date[], ?::bigint[], ?::integer[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::numeric[], ?::integer[], ?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[], ?::varchar[],
                ?::date[], ?::text[], ?::timestamptz[])
                AS u(inner_id, is_active, mark, model, configuration, car_name, year, first_registration, price,
                     km_age, engine_type, engine_type_source, transmission_type, transmission_type_source, body_type,
                     body_type_source, drive_type, drive_type_source, color, color_source, displacement, power, city,
                     province, seller_type, is_dealer, salon_id, offer_created, normalized_data, raw_updated_at)
            ON CONFLICT (inner_id) DO UPDATE SET
                is_active = EXCLUDED.is_active, mark = EXCLUDED.mark, model = EXCLUDED.model,
                configuration = EXCLUDED.configuration, car_name = EXCLUDED.car_name, year = EXCLUDED.year,
                first_registration = EXCLUDED.first_registration, price = EXCLUDED.price, km_age = EXCLUDED.km_age,
                engine_type = EXCLUDED.engine_type, engine_type_source = EXCLUDED.engine_type_source,
                transmission_type = EXCLUDED.transmission_type,
                transmission_type_source = EXCLUDED.transmission_type_source, body_type = EXCLUDED.body_type,
                body_type_source = EXCLUDED.body_type_source, drive_type = EXCLUDED.drive_type,
                drive_type_source = EXCLUDED.drive_type_source, color = EXCLUDED.color,
                color_source = EXCLUDED.color_source, displacement = EXCLUDED.displacement, power = EXCLUDED.power,
                city = EXCLUDED.city, province = EXCLUDED.province, seller_type = EXCLUDED.seller_type,
                is_dealer = EXCLUDED.is_dealer, salon_id = EXCLUDED.salon_id, offer_created = EXCLUDED.offer_created,
                normalized_data = EXCLUDED.normalized_data, normalizer_version = EXCLUDED.normalizer_version,
                raw_updated_at = EXCLUDED.raw_updated_at, normalized_at = EXCLUDED.normalized_at
            RETURNING (xmax = 0), is_active""";

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

    public PostgresNormalizationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
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
            throw new NormalizationStoreException("cannot read the normalizer's queue: " + e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<RawListing> loadBatch(long afterId, int limit, int maxAttempts) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT_BATCH)) {
            s.setLong(1, afterId);
            s.setInt(2, maxAttempts);
            s.setInt(3, limit);
            List<RawListing> out = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> data = null;
                    String error = null;
                    try {
                        Object parsed = json.readValue(rs.getString(6), Object.class);
                        if (parsed instanceof Map<?, ?> m) {
                            data = (Map<String, Object>) m;
                        } else {
                            error = "raw_data.data is not a JSON object";
                        }
                    } catch (JsonProcessingException e) {
                        error = e.getOriginalMessage();
                    }
                    Timestamp updated = rs.getTimestamp(5);
                    out.add(new RawListing(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 0,
                            updated == null ? null : updated.toInstant(), data, error));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new NormalizationStoreException("cannot read raw_data: " + e.getMessage(), e);
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
            throw new NormalizationStoreException("cannot queue raw_data again: " + e.getMessage(), e);
        }
    }

    @Override
    public SaveOutcome save(List<NormalizedRow> rows) {
        if (rows.isEmpty()) {
            return SaveOutcome.NONE;
        }
        int n = rows.size();
        String[] innerId = new String[n];
        Boolean[] active = new Boolean[n];
        String[] mark = new String[n];
        String[] model = new String[n];
        String[] configuration = new String[n];
        String[] carName = new String[n];
        Integer[] year = new Integer[n];
        String[] firstRegistration = new String[n];
        Long[] price = new Long[n];
        Integer[] kmAge = new Integer[n];
        String[][] codes = new String[10][n];
        BigDecimal[] displacement = new BigDecimal[n];
        Integer[] power = new Integer[n];
        String[] city = new String[n];
        String[] province = new String[n];
        String[] sellerType = new String[n];
        Boolean[] isDealer = new Boolean[n];
        String[] salonId = new String[n];
        String[] offerCreated = new String[n];
        String[] normalizedData = new String[n];
        Timestamp[] rawUpdatedAt = new Timestamp[n];
        Long[] rawIds = new Long[n];
        Long[] versions = new Long[n];
        for (int i = 0; i < n; i++) {
            NormalizedRow row = rows.get(i);
            NormalizedListing l = row.normalization().listing();
            innerId[i] = row.raw().innerId();
            active[i] = row.raw().active();
            mark[i] = l.mark();
            model[i] = l.model();
            configuration[i] = l.configuration();
            carName[i] = l.specs().carName();
            year[i] = l.year();
            firstRegistration[i] = date(l.firstRegistration());
            price[i] = l.price();
            kmAge[i] = l.kmAge();
            Coded[] coded = {l.engineType(), l.transmissionType(), l.bodyType(), l.driveType(), l.color()};
            for (int k = 0; k < coded.length; k++) {
                codes[2 * k][i] = coded[k] == null ? null : coded[k].code();
                codes[2 * k + 1][i] = coded[k] == null ? null : coded[k].source();
            }
            displacement[i] = l.displacement();
            power[i] = l.power();
            Location loc = l.location();
            city[i] = loc.city();
            province[i] = loc.province();
            sellerType[i] = l.sellerType();
            isDealer[i] = l.isDealer();
            salonId[i] = l.salonId();
            offerCreated[i] = date(l.offerCreated());
            normalizedData[i] = row.normalization().toJson();
            Instant updated = row.raw().lastUpdatedAt();
            rawUpdatedAt[i] = updated == null ? null : Timestamp.from(updated);
            rawIds[i] = row.raw().id();
            versions[i] = row.raw().rowVersion();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int created = 0;
                int updated = 0;
                int inactive = 0;
                try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                    int p = 1;
                    s.setInt(p++, Normalizer.NORMALIZER_VERSION);
                    s.setArray(p++, c.createArrayOf("varchar", innerId));
                    s.setArray(p++, c.createArrayOf("bool", active));
                    s.setArray(p++, c.createArrayOf("varchar", mark));
                    s.setArray(p++, c.createArrayOf("varchar", model));
                    s.setArray(p++, c.createArrayOf("varchar", configuration));
                    s.setArray(p++, c.createArrayOf("varchar", carName));
                    s.setArray(p++, c.createArrayOf("int4", year));
                    s.setArray(p++, c.createArrayOf("varchar", firstRegistration));
                    s.setArray(p++, c.createArrayOf("int8", price));
                    s.setArray(p++, c.createArrayOf("int4", kmAge));
                    for (String[] column : codes) {
                        s.setArray(p++, c.createArrayOf("varchar", column));
                    }
                    s.setArray(p++, c.createArrayOf("numeric", displacement));
                    s.setArray(p++, c.createArrayOf("int4", power));
                    s.setArray(p++, c.createArrayOf("varchar", city));
                    s.setArray(p++, c.createArrayOf("varchar", province));
                    s.setArray(p++, c.createArrayOf("varchar", sellerType));
                    s.setArray(p++, c.createArrayOf("bool", isDealer));
                    s.setArray(p++, c.createArrayOf("varchar", salonId));
                    s.setArray(p++, c.createArrayOf("varchar", offerCreated));
                    s.setArray(p++, c.createArrayOf("text", normalizedData));
                    s.setArray(p, c.createArrayOf("timestamptz", rawUpdatedAt));
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
            throw new NormalizationStoreException(describe(e), e);
        }
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
            throw new NormalizationStoreException("cannot record normalization failures: " + describe(e), e);
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
            throw new NormalizationStoreException("cannot read unmapped labels: " + describe(e), e);
        }
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded by the pool
        }
    }

    /** The server's message without the values of the statement (they can be long; they are not secrets). */
    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int detail = message.indexOf("\n  Where:");
        message = detail > 0 ? message.substring(0, detail) : message;
        return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + message.replace('\n', ' ');
    }
}
