package com.che168sync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.db.testing.PostgresFixture;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Locale;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The bench at a test's size (default 5,000 rows; {@code -Dbench.rows=250000} for the full one): the normalizer
 * and the pure-SQL baseline on the same rows, ratio printed. It proves the bench machinery works; the bar of
 * docs/rules.md#speed-bars is measured by {@code ./che168 bench normalize} (a cold JVM on 5,000 rows says nothing about it).
 */
class NormalizeThroughputIT {
    @Test
    void benchRunsTheNormalizerAndThePureSqlBaselineOnTheSameRows() throws Exception {
        long rows = Long.getLong("bench.rows", 5_000);
        int writers = Integer.getInteger("bench.writers", 2);
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(6);
        HikariDataSource ds = new HikariDataSource(config);
        NormalizeBenchmark bench = new NormalizeBenchmark(ds,
                new JooqOperationLogRepository(DSL.using(ds, SQLDialect.POSTGRES)), new PostgresJobLockRepository(ds),
                Clock.systemUTC(),
                line -> System.out.println("[bench] " + line));
        bench.prepare(rows);
        NormalizeBenchmark.Result result = bench.run(Integer.getInteger("bench.runs", 1), 200, writers);
        System.out.printf(Locale.ROOT, "[bench] normalize: %,.0f rows/s, pure SQL: %,.0f rows/s, ratio %.2f%n",
                result.normalizerMedian(), result.baselineMedian(), result.ratio());
        result.explains().forEach(p -> System.out.println("[bench] " + p));
        assertThat(result.normalizer().getFirst().rows()).isEqualTo(rows);
        assertThat(result.ratio()).isPositive();
        assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchValue("SELECT count(*) FROM operations_log"
                + " WHERE operation_type = 'normalization' AND status = 'OK'"
                + " AND (stats ->> 'processed')::bigint = " + rows, Long.class))
                .as("each normalizer run is logged").isEqualTo((long) result.normalizer().size());
        ds.close();
    }
}
