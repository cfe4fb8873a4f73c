package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.db.testing.PostgresFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqOperationLogRepositoryIT {
    private DSLContext dsl;
    private JooqOperationLogRepository log;

    @BeforeEach
    void database() {
        dsl = DSL.using(PostgresFixture.shared().newDatabase().dataSource(), SQLDialect.POSTGRES);
        log = new JooqOperationLogRepository(dsl);
    }

    @Test
    void aRunStartsRunningAndFinishesWithItsCountsAndDuration() {
        Instant started = Instant.parse("2026-11-23T02:00:00Z");
        long id = log.start(OperationType.DATA_FETCH, started);
        assertThat(log.recent(5)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(OperationStatus.RUNNING);
            assertThat(r.duration()).isNull();
        });

        log.finish(id, OperationStatus.ERROR, Duration.ofMillis(83_250), "days 2026-11-22: page 3 failed",
                Map.of("changes_applied", 14_950, "failed", 1, "last_change_id", 892_151L));

        OperationRecord record = log.recent(5).getFirst();
        assertThat(record.id()).isEqualTo(id);
        assertThat(record.operationType()).isEqualTo("data_fetch");
        assertThat(record.startedAt()).isEqualTo(started);
        assertThat(record.duration()).isEqualTo(Duration.ofMillis(83_250));
        assertThat(record.status()).isEqualTo(OperationStatus.ERROR);
        assertThat(record.details()).isEqualTo("days 2026-11-22: page 3 failed");
        assertThat(record.stats()).containsEntry("changes_applied", 14_950).containsEntry("failed", 1)
                .containsEntry("last_change_id", 892_151);
        assertThat(dsl.fetchValue("SELECT (finished_at - started_at)::text FROM operations_log"))
                .isEqualTo("00:01:23.25");
    }

    @Test
    void interruptedRunsOfOneTypeAreMarkedAsErrors() {
        long load = log.start(OperationType.INITIAL_LOAD, Instant.parse("2026-11-23T01:00:00Z"));
        long fetch = log.start(OperationType.DATA_FETCH, Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(log.markInterrupted(OperationType.DATA_FETCH, "interrupted (process ended)")).isEqualTo(1);
        List<OperationRecord> recent = log.recent(10);
        assertThat(recent).extracting(OperationRecord::id).containsExactly(fetch, load);
        assertThat(recent.get(0).status()).isEqualTo(OperationStatus.ERROR);
        assertThat(recent.get(0).details()).isEqualTo("interrupted (process ended)");
        assertThat(recent.get(1).status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        for (int i = 0; i < 5; i++) {
            log.start(OperationType.NORMALIZATION, Instant.parse("2026-11-2" + i + "T03:00:00Z"));
        }
        assertThat(log.recent(3)).extracting(r -> r.startedAt().toString())
                .containsExactly("2026-11-24T03:00:00Z", "2026-11-23T03:00:00Z", "2026-11-22T03:00:00Z");
    }

    @Test
    void finishingAnUnknownRunOrAsRunningIsRefused() {
        assertThatThrownBy(() -> log.finish(999, OperationStatus.OK, Duration.ZERO, "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        long id = log.start(OperationType.DATA_FETCH, Instant.now());
        assertThatThrownBy(() -> log.finish(id, OperationStatus.RUNNING, Duration.ZERO, "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
