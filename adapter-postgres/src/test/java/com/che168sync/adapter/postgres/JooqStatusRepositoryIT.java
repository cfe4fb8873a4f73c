package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.out.status.TableCounts;
import com.che168sync.db.testing.PostgresFixture;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqStatusRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private DSLContext dsl;
    private JooqStatusRepository status;

    @BeforeEach
    void database() {
        dsl = DSL.using(PostgresFixture.shared().newDatabase().dataSource(), SQLDialect.POSTGRES);
        status = new JooqStatusRepository(dsl);
    }

    @Test
    void anEmptyDatabaseHasZeroCountsAndNoStates() {
        assertThat(status.counts(NOW)).isEqualTo(new TableCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(status.syncState()).isEmpty();
        assertThat(status.loadCheckpoint()).isEmpty();
    }

    @Test
    void countsSplitListingsAndTokensByState() {
        dsl.execute("""
                INSERT INTO raw_data (inner_id, data, source, active_status, is_processed, normalize_error) VALUES
                  ('1', '{}', 'initial_load', 0, true, null),
                  ('2', '{}', 'initial_load', 0, false, null),
                  ('3', '{}', 'daily_update', 1, false, 'bad year'),
                  ('4', '{}', 'daily_update', 0, true, null)""");
        dsl.execute("""
                INSERT INTO processed_data (inner_id, is_active, normalized_data, normalizer_version) VALUES
                  ('1', true, '{}', 1), ('4', false, '{}', 1)""");
        dsl.execute("""
                INSERT INTO api_tokens (token, expires_at, revoked_at) VALUES
                  ('AAAAAAAAAAAAAAA1', null, null),
                  ('AAAAAAAAAAAAAAA2', '2026-11-01T00:00:00Z', null),
                  ('AAAAAAAAAAAAAAA3', '2027-01-01T00:00:00Z', null),
                  ('AAAAAAAAAAAAAAA4', null, '2026-11-20T00:00:00Z')""");
        dsl.execute("INSERT INTO load_failed_pages (page, attempts) VALUES (17, 20), (18, 20)");
        dsl.execute("UPDATE load_failed_pages SET resolved_at = now() WHERE page = 18");
        assertThat(status.counts(NOW)).isEqualTo(new TableCounts(4, 3, 1, 2, 1, 2, 1, 4, 2, 1, 0, 0, 0));
    }

    @Test
    void theNewestSyncStateAndTheCheckpointAreRead() {
        dsl.execute("INSERT INTO sync_state (last_successful_date, last_change_id, updated_at) VALUES "
                + "('2026-11-20', 100, '2026-11-21T02:00:00Z'), ('2026-11-22', 250, '2026-11-23T02:00:00Z')");
        dsl.execute("INSERT INTO load_checkpoint (load_start_date, last_page, next_page, pages_loaded) "
                + "VALUES ('2026-11-01', 120, 121, 120)");
        assertThat(status.syncState()).get().satisfies(s -> {
            assertThat(s.lastSuccessfulDate()).isEqualTo(LocalDate.parse("2026-11-22"));
            assertThat(s.lastChangeId()).isEqualTo(250L);
        });
        LoadCheckpointView load = status.loadCheckpoint().orElseThrow();
        assertThat(load.loadStartDate()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(load.lastPage()).isEqualTo(120);
        assertThat(load.nextPage()).isEqualTo(121);
        assertThat(load.finishedAt()).isNull();
    }
}
