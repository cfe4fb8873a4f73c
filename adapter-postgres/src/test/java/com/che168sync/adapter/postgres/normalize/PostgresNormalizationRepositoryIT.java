package com.che168sync.adapter.postgres.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.normalize.NormalizeService;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.domain.normalize.Normalizer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The normalizer against a real PostgreSQL: batches, resume, poison records, inactive rows, --all. */
class PostgresNormalizationRepositoryIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:10:00Z"), ZoneOffset.UTC);

    private DataSource ds;
    private PostgresNormalizationRepository repository;
    private JooqOperationLogRepository operations;
    private PostgresJobLockRepository locks;

    @BeforeEach
    void freshDatabase() {
        ds = PostgresFixture.shared().newDatabase().dataSource();
        repository = new PostgresNormalizationRepository(ds);
        operations = new JooqOperationLogRepository(DSL.using(ds, SQLDialect.POSTGRES));
        locks = new PostgresJobLockRepository(ds);
    }

    private NormalizeResult.Completed run(NormalizeListingsCommand command) {
        return run(command, repository);
    }

    private NormalizeResult.Completed run(NormalizeListingsCommand command, SaveNormalizedPort store) {
        return (NormalizeResult.Completed) new NormalizeService(repository, store, operations, locks, CLOCK,
                JobReporter.SILENT, 2, Duration.ofSeconds(5)).normalize(command);
    }

    /** The newest row of operations_log, read back from the database. */
    private OperationRecord lastRun() {
        return operations.recent(1).getFirst();
    }

    /** A count of a run's stats: jsonb numbers come back as Integer or Long, whichever fits. */
    private static long stat(OperationRecord run, String name) {
        assertThat(run.stats()).containsKey(name);
        return ((Number) run.stats().get(name)).longValue();
    }

    private static NormalizeListingsCommand batches(int size) {
        return new NormalizeListingsCommand(size, 3, false, false);
    }

    @Test
    void everyQueuedRowBecomesOneTypedRowWithItsRawRowMarkedProcessed() throws SQLException {
        RawRows.insert(ds, 1, 1_000);
        NormalizeResult.Completed result = run(batches(200));

        assertThat(result.withErrors()).isFalse();
        assertThat(result.counts().processed()).isEqualTo(1_000);
        assertThat(result.counts().created()).isEqualTo(1_000);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data")).isEqualTo(1_000);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE is_processed")).isEqualTo(1_000);
        OperationRecord logged = lastRun();
        assertThat(logged.operationType()).isEqualTo("normalization");
        assertThat(logged.status()).isEqualTo(OperationStatus.OK);
        assertThat(stat(logged, "processed")).isEqualTo(1_000);
        assertThat(stat(logged, "created")).isEqualTo(1_000);
        assertThat(stat(logged, "failed")).isZero();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT inner_id, is_active, mark, year, price, km_age, engine_type, engine_type_source,
                            transmission_type, body_type, body_type_source, drive_type, color, color_source,
                            displacement, power, city, province, seller_type, is_dealer, salon_id, offer_created,
                            first_registration, car_name, normalizer_version, raw_updated_at IS NOT NULL,
                            normalized_data ->> 'km_age', normalized_data -> 'images' ->> 0,
                            normalized_data::text LIKE '%138%', normalized_data -> 'specs' ->> 'displacement_cc'
                     FROM processed_data WHERE inner_id = '50000003'""")) {
            assertThat(rs.next()).isTrue();
            int i = 1;
            assertThat(rs.getString(i++)).isEqualTo("50000003");
            assertThat(rs.getBoolean(i++)).isTrue();
            assertThat(rs.getString(i++)).isEqualTo("BMW");
            assertThat(rs.getInt(i++)).isEqualTo(2013);
            assertThat(rs.getLong(i++)).isEqualTo(50_021L);
            assertThat(rs.getInt(i++)).isEqualTo(32_000);
            assertThat(rs.getString(i++)).isEqualTo("electric");
            assertThat(rs.getString(i++)).isEqualTo("Электрический (BEV)");
            assertThat(rs.getString(i++)).isEqualTo("automatic");
            assertThat(rs.getString(i++)).isEqualTo("hatchback");
            assertThat(rs.getString(i++)).isEqualTo("седан/хэтчбек");
            assertThat(rs.getString(i++)).isEqualTo("fwd");
            assertThat(rs.getString(i++)).isEqualTo("champagne");
            assertThat(rs.getString(i++)).isEqualTo("Шампань");
            assertThat(rs.getBigDecimal(i++)).isEqualByComparingTo("2.0");
            assertThat(rs.getInt(i++)).isEqualTo(192);
            assertThat(rs.getString(i++)).isEqualTo("上海"); // from "Шанхай"
            assertThat(rs.getString(i++)).isEqualTo("上海");
            assertThat(rs.getString(i++)).isEqualTo("dealer");
            assertThat(rs.getBoolean(i++)).isTrue();
            assertThat(rs.getString(i++)).isEqualTo("451591");
            assertThat(rs.getDate(i++).toLocalDate()).hasToString("2025-11-03");
            assertThat(rs.getDate(i++).toLocalDate()).hasToString("2022-09-01");
            assertThat(rs.getString(i++)).isEqualTo("宝马1系 2022款 125i");
            assertThat(rs.getInt(i++)).isEqualTo(Normalizer.NORMALIZER_VERSION);
            assertThat(rs.getBoolean(i++)).isTrue();
            assertThat(rs.getString(i++)).isEqualTo("32000");
            assertThat(rs.getString(i++)).isEqualTo("https://2sc2.autoimg.cn/a3.jpg");
            assertThat(rs.getBoolean(i++)).as("no phone number copied").isFalse();
            assertThat(rs.getString(i)).isEqualTo("1998");
        }
        // nothing queued any more
        assertThat(run(batches(200)).counts().processed()).isZero();
    }

    @Test
    void aDatabaseStoppedInTheMiddleOfARunParksNoRecordAndTheNextRunFinishes() throws Exception {
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(250);
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            RawRows.insert(pool, 1, 1_000);
            PostgresNormalizationRepository repo = new PostgresNormalizationRepository(pool);
            JooqOperationLogRepository ops = new JooqOperationLogRepository(DSL.using(pool, SQLDialect.POSTGRES));
            java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
            SaveNormalizedPort stoppingOnTheThirdBatch = new SaveNormalizedPortWrapper(repo) {
                @Override
                public com.che168sync.application.port.out.normalize.SaveOutcome save(
                        java.util.List<com.che168sync.application.port.out.normalize.NormalizedRow> rows) {
                    if (saves.incrementAndGet() == 3) {
                        // the database stops, and comes back a moment later (a restart)
                        admin(db, "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
                        admin(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                + db.name() + "'");
                        Thread.ofVirtual().start(() -> {
                            try {
                                Thread.sleep(1_500);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            admin(db, "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
                        });
                    }
                    return super.save(rows);
                }
            };
            NormalizeResult stopped = new NormalizeService(repo, stoppingOnTheThirdBatch, ops,
                    new PostgresJobLockRepository(pool), CLOCK, JobReporter.SILENT, 1, Duration.ofSeconds(5))
                    .normalize(batches(100));
            Thread.sleep(2_000);
            admin(db, "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");

            assertThat(((NormalizeResult.Completed) stopped).withErrors()).isTrue();
            // the database is back (the pool of the stopped run may still be backing off: a fresh connection)
            DataSource back = db.dataSource();
            assertThat(RawRows.count(back, "SELECT count(*) FROM raw_data WHERE normalize_attempts > 0"
                    + " OR normalize_error IS NOT NULL")).as("no record costs an attempt").isZero();
            assertThat(RawRows.count(back, "SELECT count(*) FROM processed_data")).isEqualTo(200);

            PostgresNormalizationRepository again = new PostgresNormalizationRepository(back);
            NormalizeResult.Completed next = (NormalizeResult.Completed) new NormalizeService(again, again,
                    new JooqOperationLogRepository(DSL.using(back, SQLDialect.POSTGRES)),
                    new PostgresJobLockRepository(back), CLOCK, JobReporter.SILENT, 1, Duration.ofSeconds(5))
                    .normalize(batches(100));
            assertThat(next.withErrors()).isFalse();
            assertThat(next.counts().processed()).isEqualTo(800);
            assertThat(next.counts().parked()).isZero();
            assertThat(RawRows.count(back, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isZero();
        }
    }

    private static void admin(PostgresFixture.TestDatabase db, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port()
                + "/postgres", db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPoisonRecordLeavesItsNeighboursCommittedAndIsNotRetriedForever() throws SQLException {
        RawRows.insert(ds, 1, 400);
        // the database refuses one row, as a constraint would
        RawRows.execute(ds, """
                CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.inner_id = '50000123' THEN RAISE EXCEPTION 'poisoned row %', NEW.inner_id; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER poison BEFORE INSERT OR UPDATE ON processed_data
                    FOR EACH ROW EXECUTE FUNCTION poison();""");

        NormalizeResult.Completed first = run(batches(200));
        assertThat(first.withErrors()).isTrue();
        assertThat(first.counts().processed()).isEqualTo(399);
        assertThat(first.counts().failed()).isEqualTo(1);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data WHERE inner_id BETWEEN '50000001' "
                + "AND '50000200'")).as("the 199 neighbours in the same batch").isEqualTo(199);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isEqualTo(1);
        assertThat(RawRows.count(ds, "SELECT normalize_attempts FROM raw_data WHERE inner_id = '50000123'"))
                .isEqualTo(1);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT normalize_error FROM raw_data WHERE inner_id = '50000123'")) {
            rs.next();
            assertThat(rs.getString(1)).contains("poisoned row 50000123");
        }
        OperationRecord logged = lastRun();
        assertThat(logged.status()).isEqualTo(OperationStatus.ERROR);
        assertThat(logged.details()).contains("failed 50000123", "poisoned row 50000123");
        assertThat(stat(logged, "processed")).isEqualTo(399);
        assertThat(stat(logged, "failed")).isEqualTo(1);

        run(batches(200));
        run(batches(200));
        NormalizeResult.Completed parked = run(batches(200));
        assertThat(parked.withErrors()).as("no new failure: the record is parked").isFalse();
        assertThat(parked.counts().parked()).isEqualTo(1);
        assertThat(RawRows.count(ds, "SELECT normalize_attempts FROM raw_data WHERE inner_id = '50000123'"))
                .isEqualTo(3);

        // the raw row changes (the trigger of V10 resets its attempts): it is tried again, and now it works
        RawRows.execute(ds, "DROP TRIGGER poison ON processed_data");
        RawRows.execute(ds, "UPDATE raw_data SET data = data || '{\"price\": 7500}', is_processed = false "
                + "WHERE inner_id = '50000123'");
        assertThat(RawRows.count(ds, "SELECT normalize_attempts FROM raw_data WHERE inner_id = '50000123'"))
                .isZero();
        NormalizeResult.Completed retried = run(batches(200));
        assertThat(retried.counts().processed()).isEqualTo(1);
        assertThat(RawRows.count(ds, "SELECT price FROM processed_data WHERE inner_id = '50000123'")).isEqualTo(7500);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE normalize_error IS NOT NULL")).isZero();
        assertThat(RawRows.count(ds, "SELECT count(*) FROM operations_log WHERE operation_type = 'normalization'"))
                .as("one row per run").isEqualTo(5);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM operations_log WHERE status = 'RUNNING'")).isZero();
    }

    @Test
    void aCrashMidRunLosesNothingAndTheNextRunProcessesEachRowExactlyOnce() throws SQLException {
        RawRows.insert(ds, 1, 2_000);
        AtomicInteger batches = new AtomicInteger();
        SaveNormalizedPortWrapper crashing = new SaveNormalizedPortWrapper(repository) {
            @Override
            public SaveOutcome save(List<NormalizedRow> rows) {
                if (batches.incrementAndGet() > 4) {
                    throw new IllegalStateException("simulated crash (the process is killed)");
                }
                return super.save(rows);
            }
        };
        NormalizeResult.Completed crashed = run(batches(200), crashing);
        assertThat(crashed.abortedBecause()).contains("simulated crash");
        assertThat(lastRun().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(lastRun().details()).contains("aborted: simulated crash");
        long afterCrash = RawRows.count(ds, "SELECT count(*) FROM processed_data");
        // 4 batches succeeded before the crash; with 2 writers one of them may still have been in flight
        assertThat(afterCrash).isBetween(600L, 800L);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE is_processed")).isEqualTo(afterCrash);

        NormalizeResult.Completed resumed = run(batches(200));
        assertThat(resumed.counts().processed()).isEqualTo(2_000 - afterCrash);
        assertThat(resumed.counts().created()).as("each row exactly once: nothing re-created or re-updated")
                .isEqualTo(2_000 - afterCrash);
        assertThat(resumed.counts().updated()).isZero();
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data")).isEqualTo(2_000);
        assertThat(RawRows.count(ds, "SELECT count(DISTINCT inner_id) FROM processed_data")).isEqualTo(2_000);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isZero();
    }

    @Test
    void inactiveRawRowsBecomeInactiveProcessedRows() throws SQLException {
        RawRows.insert(ds, 1, 10);
        run(batches(200));
        RawRows.execute(ds, "UPDATE raw_data SET active_status = 1, change_type = 'removed', is_processed = false "
                + "WHERE id IN (2, 5)");
        NormalizeResult.Completed result = run(batches(200));
        assertThat(result.counts().processed()).isEqualTo(2);
        assertThat(result.counts().updated()).isEqualTo(2);
        assertThat(result.counts().deactivated()).isEqualTo(2);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data WHERE NOT is_active")).isEqualTo(2);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data WHERE NOT is_active AND inner_id IN "
                + "('50000002', '50000005')")).isEqualTo(2);
    }

    @Test
    void allReNormalizesEveryRowIncludingOlderVersionsAndReportsUnmapped() throws SQLException {
        RawRows.insert(ds, 1, 300);
        RawRows.execute(ds, "UPDATE raw_data SET data = data || '{\"engine_type\": \"Паровой\", \"address\": "
                + "\"Нижний Тагил\"}' WHERE id <= 3");
        run(batches(100));
        RawRows.execute(ds, "UPDATE processed_data SET normalizer_version = 0, mark = 'stale'");
        assertThat(repository.queueStats(3, Normalizer.NORMALIZER_VERSION).outdated()).isEqualTo(300);

        NormalizeResult.Completed all = run(new NormalizeListingsCommand(100, 3, true, true));
        assertThat(all.counts().processed()).isEqualTo(300);
        assertThat(all.counts().updated()).isEqualTo(300);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM processed_data WHERE normalizer_version = "
                + Normalizer.NORMALIZER_VERSION + " AND mark = 'BMW'")).isEqualTo(300);
        assertThat(all.unmapped()).containsExactly(new UnmappedValue("city", "Нижний Тагил", 3),
                new UnmappedValue("engine_type", "Паровой", 3));
    }

    @Test
    void aRawRowChangedWhileBeingNormalizedStaysQueued() throws SQLException {
        RawRows.insert(ds, 1, 5);
        SaveNormalizedPortWrapper racing = new SaveNormalizedPortWrapper(repository) {
            @Override
            public SaveOutcome save(List<NormalizedRow> rows) {
                try {
                    RawRows.execute(ds, "UPDATE raw_data SET data = data || '{\"price\": 1234}' WHERE id = 3");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return super.save(rows);
            }
        };
        NormalizeResult.Completed result = run(batches(200), racing);
        assertThat(result.counts().changedMeanwhile()).isEqualTo(1);
        assertThat(RawRows.count(ds, "SELECT count(*) FROM raw_data WHERE NOT is_processed")).isEqualTo(1);
        run(batches(200));
        assertThat(RawRows.count(ds, "SELECT price FROM processed_data WHERE inner_id = '50000003'"))
                .isEqualTo(1234);
    }
}
