package com.che168sync.bench;

import com.che168sync.adapter.postgres.normalize.BenchListings;
import com.che168sync.adapter.postgres.normalize.PostgresNormalizationRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.normalize.NormalizeService;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * {@code bench normalize}: the normalizer against the physical limit of docs/rules.md#speed-bars, a pure-SQL {@code INSERT … SELECT}
 * that extracts the same typed columns with one {@code jsonb_to_record} per row, both measured in the same run on
 * the same raw rows (absolute times drift on shared machines, ratios don't). Meant for a scratch database: it
 * fills raw_data and truncates processed_data.
 */
public final class NormalizeBenchmark {
    /**
     * The baseline: what a hand-written SQL normalizer does for the same job (docs/rules.md#normalization): typed columns via one
     * {@code jsonb_to_record} per row, numbers cast only when they look like numbers, the whole record as
     * {@code normalized_data} (built from the same extracted fields, the images and the configuration, as the
     * normalizer's document is), and the raw rows marked {@code is_processed} in the same statement.
     */
    static final String PURE_SQL = """
            WITH src AS (
                SELECT r.id, r.inner_id, r.active_status, r.last_updated_at, x.*
                FROM raw_data r, jsonb_to_record(r.data) AS x(url text, mark text, model text, configuration text,
                    complectation text, title text, year text, first_registration text, price text, km_age text,
                    engine_type text, transmission_type text, body_type text, drive_type text, color text,
                    displacement text, power text, address text, seller_type text, is_dealer text, section text,
                    salon_id text, description text, vin text, offer_created text, images jsonb, extra jsonb)
                WHERE NOT r.is_processed
            ), typed AS (
                SELECT s.id, s.inner_id, s.active_status = 0 AS is_active, left(s.mark, 128) AS mark,
                    left(s.model, 256) AS model, left(s.configuration, 512) AS configuration,
                    CASE WHEN s.year ~ '^\\d{4}$' THEN s.year::int END AS year,
                    CASE WHEN s.first_registration ~ '^\\d{4}-\\d{2}$' THEN (s.first_registration || '-01')::date END
                        AS first_registration,
                    CASE WHEN s.price ~ '^\\d{1,12}(\\.\\d+)?$' THEN round(s.price::numeric)::bigint END AS price,
                    CASE WHEN s.km_age ~ '^\\d{1,9}$' THEN s.km_age::int END AS km_age,
                    lower(left(s.engine_type, 32)) AS engine_type, left(s.engine_type, 256) AS engine_type_source,
                    lower(left(s.transmission_type, 32)) AS transmission_type,
                    left(s.transmission_type, 256) AS transmission_type_source,
                    lower(left(s.body_type, 32)) AS body_type, left(s.body_type, 256) AS body_type_source,
                    lower(left(s.drive_type, 32)) AS drive_type, left(s.drive_type, 256) AS drive_type_source,
                    lower(left(s.color, 32)) AS color, left(s.color, 256) AS color_source,
                    CASE WHEN s.displacement ~ '^\\d{1,2}(\\.\\d+)?$' THEN round(s.displacement::numeric, 2) END
                        AS displacement,
                    CASE WHEN s.power ~ '^\\d{1,4}$' THEN s.power::int END AS power,
                    left(split_part(s.address, ',', 1), 128) AS city,
                    CASE WHEN s.seller_type IN ('dealer', 'private') THEN s.seller_type END AS seller_type,
                    CASE WHEN s.is_dealer IN ('true', 'false') THEN s.is_dealer::boolean END AS is_dealer,
                    left(s.salon_id, 64) AS salon_id,
                    CASE WHEN s.offer_created ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN s.offer_created::date END
                        AS offer_created,
                    s.url, s.complectation, s.title, s.address, s.section, s.description, s.vin,
                    CASE jsonb_typeof(s.images) WHEN 'array' THEN s.images
                        WHEN 'string' THEN CASE WHEN (s.images #>> '{}') LIKE '[%]' THEN (s.images #>> '{}')::jsonb END
                        END AS images,
                    s.extra -> 'configuration' AS specs, s.extra -> 'option' AS equipment, s.last_updated_at
                FROM src s
            ), ins AS (
                INSERT INTO processed_data (inner_id, is_active, mark, model, configuration, year, first_registration,
                    price, km_age, engine_type, engine_type_source, transmission_type, transmission_type_source,
                    body_type, body_type_source, drive_type, drive_type_source, color, color_source, displacement,
                    power, city, seller_type, is_dealer, salon_id, offer_created, normalized_data,
                    normalizer_version, raw_updated_at)
                SELECT t.inner_id, t.is_active, t.mark, t.model, t.configuration, t.year, t.first_registration,
                    t.price, t.km_age, t.engine_type, t.engine_type_source, t.transmission_type,
                    t.transmission_type_source, t.body_type, t.body_type_source, t.drive_type, t.drive_type_source,
                    t.color, t.color_source, t.displacement, t.power, t.city, t.seller_type, t.is_dealer, t.salon_id,
                    t.offer_created,
                    jsonb_build_object('inner_id', t.inner_id, 'url', t.url, 'mark', t.mark, 'model', t.model,
                        'configuration', t.configuration, 'complectation', t.complectation, 'title', t.title,
                        'year', t.year, 'first_registration', t.first_registration, 'price', t.price,
                        'km_age', t.km_age, 'engine_type', t.engine_type, 'transmission_type', t.transmission_type,
                        'body_type', t.body_type, 'drive_type', t.drive_type, 'color', t.color,
                        'displacement', t.displacement, 'power', t.power, 'address', t.address, 'city', t.city,
                        'seller_type', t.seller_type, 'is_dealer', t.is_dealer, 'section', t.section,
                        'salon_id', t.salon_id, 'description', t.description, 'vin', t.vin,
                        'offer_created', t.offer_created, 'images', t.images, 'specs', t.specs,
                        'equipment', t.equipment),
                    0, t.last_updated_at
                FROM typed t
                RETURNING 1
            ), done AS (
                UPDATE raw_data r SET is_processed = true FROM src WHERE r.id = src.id RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM done)""";

    private final DataSource dataSource;
    private final OperationLogPort operations;
    private final JobLockPort locks;
    private final Clock clock;
    private final Consumer<String> log;

    public NormalizeBenchmark(DataSource dataSource, OperationLogPort operations, JobLockPort locks, Clock clock,
                              Consumer<String> log) {
        this.dataSource = dataSource;
        this.operations = operations;
        this.locks = locks;
        this.clock = clock;
        this.log = log;
    }

    /** One measurement: rows and seconds. */
    public record Timing(long rows, double seconds) {
        public double rowsPerSecond() {
            return rows / Math.max(seconds, 1e-9);
        }
    }

    /** The outcome of the whole bench. */
    public record Result(long rows, int batchSize, int writers, List<Timing> baseline, List<Timing> normalizer,
                         List<String> explains) {
        public double baselineMedian() {
            return median(baseline);
        }

        public double normalizerMedian() {
            return median(normalizer);
        }

        public double ratio() {
            return normalizerMedian() / baselineMedian();
        }

        private static double median(List<Timing> timings) {
            double[] v = timings.stream().mapToDouble(Timing::rowsPerSecond).sorted().toArray();
            return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    /** Fills raw_data with {@code rows} listings of ~4 KB (COPY), unless it already holds exactly that many. */
    public void prepare(long rows) throws SQLException {
        long present = count("SELECT count(*) FROM raw_data");
        if (present == rows) {
            log.accept(String.format(Locale.ROOT, "raw_data already holds %,d rows", rows));
            return;
        }
        execute("TRUNCATE raw_data, processed_data RESTART IDENTITY");
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            long chunk = 10_000;
            for (long from = 1; from <= rows; from += chunk) {
                long to = Math.min(rows, from + chunk - 1);
                StringBuilder csv = new StringBuilder((int) (chunk * 4_600));
                for (long n = from; n <= to; n++) {
                    csv.append(BenchListings.innerId(n)).append(',').append(n).append(",added,\"")
                            .append(BenchListings.listing(n).replace("\"", "\"\"")).append("\",initial_load,")
                            .append(n % 50 == 0 ? 1 : 0).append('\n');
                }
                try (Reader in = new StringReader(csv.toString())) {
                    pg.getCopyAPI().copyIn("COPY raw_data (inner_id, api_id, change_type, data, source, active_status) "
                            + "FROM STDIN WITH (FORMAT csv)", in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute("VACUUM ANALYZE raw_data");
        log.accept(String.format(Locale.ROOT, "Loaded %,d raw rows (avg %,d bytes of JSON) in %.1f s", rows,
                count("SELECT avg(length(data::text))::bigint FROM raw_data"), (System.nanoTime() - started) / 1e9));
    }

    /** Alternates baseline and normalizer {@code runs} times each, then EXPLAINs typical API queries. */
    public Result run(int runs, int batchSize, int writers) throws SQLException {
        long rows = count("SELECT count(*) FROM raw_data");
        List<Timing> baseline = new ArrayList<>();
        List<Timing> normalizer = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            reset();
            long t0 = System.nanoTime();
            long inserted;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(PURE_SQL)) {
                rs.next();
                inserted = rs.getLong(1);
                if (rs.getLong(2) != inserted) {
                    throw new IllegalStateException("the baseline marked " + rs.getLong(2) + " raw rows for "
                            + inserted + " processed rows");
                }
            }
            Timing b = new Timing(inserted, (System.nanoTime() - t0) / 1e9);
            baseline.add(b);
            log.accept(String.format(Locale.ROOT, "run %d/%d pure-SQL INSERT … SELECT: %,d rows in %.1f s = %,.0f rows/s",
                    i, runs, b.rows(), b.seconds(), b.rowsPerSecond()));

            reset();
            NormalizeService service = new NormalizeService(new PostgresNormalizationRepository(dataSource),
                    new PostgresNormalizationRepository(dataSource), operations, locks, clock, JobReporter.SILENT,
                    writers, Duration.ofSeconds(10));
            long t1 = System.nanoTime();
            NormalizeResult result = service.normalize(new NormalizeListingsCommand(batchSize, 3, false, false));
            double seconds = (System.nanoTime() - t1) / 1e9;
            if (!(result instanceof NormalizeResult.Completed done) || done.withErrors()) {
                throw new IllegalStateException("the normalizer did not complete cleanly: " + result);
            }
            Timing n = new Timing(done.counts().processed(), seconds);
            normalizer.add(n);
            log.accept(String.format(Locale.ROOT, "run %d/%d normalizer (batches of %d, %d writers): %,d rows in %.1f s "
                    + "= %,.0f rows/s", i, runs, batchSize, writers, n.rows(), n.seconds(), n.rowsPerSecond()));
        }
        execute("VACUUM ANALYZE processed_data");
        return new Result(rows, batchSize, writers, baseline, normalizer, explains());
    }

    private void reset() throws SQLException {
        execute("TRUNCATE processed_data");
        execute("UPDATE raw_data SET is_processed = false, normalize_attempts = 0, normalize_error = NULL "
                + "WHERE is_processed OR normalize_attempts > 0");
        execute("VACUUM ANALYZE raw_data");
        execute("CHECKPOINT");
    }

    /** Plans of the API's typical list queries on the full table (first page, 20 rows). */
    private List<String> explains() throws SQLException {
        String[] queries = {
                "SELECT id, inner_id, price FROM processed_data WHERE is_active AND mark = 'BMW' AND model = '1 Series' "
                        + "ORDER BY price, id LIMIT 20",
                "SELECT id, inner_id, price FROM processed_data WHERE is_active AND price BETWEEN 100000 AND 200000 "
                        + "ORDER BY price, id LIMIT 20",
                "SELECT id, inner_id, year FROM processed_data WHERE is_active AND engine_type = 'electric' "
                        + "ORDER BY year DESC, id DESC LIMIT 20",
                "SELECT id, inner_id FROM processed_data WHERE is_active AND city = '上海' ORDER BY offer_created DESC, "
                        + "id DESC LIMIT 20",
                "SELECT count(*) FROM processed_data WHERE is_active AND mark = 'BMW'",
        };
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : queries) {
                StringBuilder plan = new StringBuilder(q).append('\n');
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + q)) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
                out.add(plan.toString());
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        }
    }
}
