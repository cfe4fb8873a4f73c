package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.che168.Che168ClientSettings;
import com.che168sync.adapter.che168.Che168Source;
import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.adapter.postgres.ingest.PostgresIngestRepository;
import com.che168sync.application.ingest.IngestSettings;
import com.che168sync.application.ingest.LoadCatalogueService;
import com.che168sync.application.ingest.UpdateChangesService;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load and the update through the real client over HTTP against the sandbox, into a real PostgreSQL, compared
 * with the sandbox's ground truth (issue 4, "done when").
 */
class IngestAgainstSandboxIT {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY3 = DAY1.plusDays(2);
    private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);

    private SandboxServer sandbox;
    private HikariDataSource ds;
    private Che168Source source;
    private JooqOperationLogRepository operations;
    private PostgresJobLockRepository locks;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (ds != null) {
            ds.close();
        }
    }

    private void start(long listings, int changesPerDay, SandboxFaults faults) {
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(listings).days(3).endDate(DAY3)
                .changesPerDay(changesPerDay).seed(168).faults(faults).build());
        source = Che168Source.create(Che168ClientSettings.of(URI.create(sandbox.baseUrl()), "sandbox"));
        HikariConfig config = new HikariConfig();
        config.setDataSource(PostgresFixture.shared().newDatabase().dataSource());
        config.setMaximumPoolSize(4);
        ds = new HikariDataSource(config);
        operations = new JooqOperationLogRepository(dsl());
        locks = new PostgresJobLockRepository(ds);
    }

    private DSLContext dsl() {
        return DSL.using(ds, SQLDialect.POSTGRES);
    }

    /** A count of a run's stats: jsonb numbers come back as Integer or Long, whichever fits. */
    private static long stat(OperationRecord run, String name) {
        assertThat(run.stats()).containsKey(name);
        return ((Number) run.stats().get(name)).longValue();
    }

    private static Clock at(LocalDate day, int hour) {
        return Clock.fixed(ZonedDateTime.of(day.atTime(hour, 0), MOSCOW).toInstant(), ZoneOffset.UTC);
    }

    private LoadCatalogueService load(Clock clock) {
        return new LoadCatalogueService(source, repo(), repo(), retry(clock), locks, operations, JobReporter.SILENT,
                IngestSettings.defaults(), clock);
    }

    private UpdateChangesService update(Clock clock) {
        return new UpdateChangesService(source, source, repo(), repo(), retry(clock), locks, operations, JobReporter.SILENT,
                IngestSettings.defaults(), clock);
    }

    private PostgresIngestRepository repo() {
        return new PostgresIngestRepository(ds, true);
    }

    /** 20 attempts, as in production, but no real waiting: the sleeper returns at once. */
    private static RetryPolicy retry(Clock clock) {
        return new RetryPolicy(RetrySettings.defaults(), d -> { }, clock, RetryListener.NONE);
    }

    @Test
    void fullLoadThenThreeDaysAfterAGapEqualTheGroundTruthAndReRunsChangeNothing() throws Exception {
        start(20_000, 1_500, SandboxFaults.none());

        IngestResult loaded = load(at(DAY1.minusDays(1), 10)).load(LoadCatalogueCommand.resume());
        assertThat(loaded.exitCode()).isZero();
        assertThat(GroundTruth.differences(ds, sandbox.sandbox().initialGroundTruth())).isEmpty();
        OperationRecord loadRun = operations.recent(1).getFirst();
        assertThat(loadRun.operationType()).isEqualTo("initial_load");
        assertThat(loadRun.status()).isEqualTo(OperationStatus.OK);
        assertThat(stat(loadRun, "listings_new")).isEqualTo(20_000);
        assertThat(stat(loadRun, "pages")).isGreaterThanOrEqualTo(1_000);

        // the update first runs on day 3 (two days without a run): days from the load's start date up to day 3
        IngestResult updated = update(at(DAY3, 23)).update(UpdateChangesCommand.daily());
        assertThat(updated.exitCode()).isZero();
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(DAY3))).isEmpty();
        var state = repo().findSyncState().orElseThrow();
        assertThat(state.lastSuccessfulDate()).isEqualTo(DAY3);
        assertThat(state.lastChangeId()).isEqualTo(sandbox.calendar().days().get(2).lastChangeId());

        String checksum = GroundTruth.checksum(ds);
        IngestResult replay = update(at(DAY3, 23)).update(new UpdateChangesCommand(null, DAY1.plusDays(1), null));
        assertThat(replay.exitCode()).isZero();
        assertThat(((IngestResult.Completed) replay).stats().listingsSkipped()).isPositive();
        update(at(DAY3, 23)).update(new UpdateChangesCommand(null, null, DAY1));
        assertThat(GroundTruth.checksum(ds)).as("re-running applied days changes nothing").isEqualTo(checksum);
        assertThat(repo().findSyncState().orElseThrow().lastSuccessfulDate()).isEqualTo(DAY3);
        assertThat(dsl().fetchCount(dsl().selectFrom("operations_log").where("operation_type = 'data_fetch'")))
                .as("one operations_log row per update run").isEqualTo(3);
        assertThat(dsl().fetchCount(dsl().selectFrom("operations_log").where("status = 'RUNNING'"))).isZero();
    }

    @Test
    void transientFaultsRateLimitsAndTruncatedBodiesStillEndInTheGroundTruth() throws Exception {
        start(4_000, 600, SandboxFaults.none().withErrorRate(0.10).withRateLimit(0.05, 1).withTruncateRate(0.05));

        assertThat(load(at(DAY1.minusDays(1), 10)).load(LoadCatalogueCommand.resume()).exitCode()).isZero();
        assertThat(GroundTruth.differences(ds, sandbox.sandbox().initialGroundTruth())).isEmpty();
        assertThat(update(at(DAY3, 23)).update(UpdateChangesCommand.daily()).exitCode()).isZero();
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(DAY3))).isEmpty();
        var stats = sandbox.stats();
        assertThat(stats.errors() + stats.rateLimited() + stats.truncated()).as("faults were injected").isPositive();
    }
}
