package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {
    @TempDir
    Path dir;

    private PostgresDatabase open() {
        return PostgresDatabase.open(PostgresSettings.embedded(dir, "che168", 2));
    }

    @Test
    void runsDurablyIsSharedByASecondProcessAndStopsWithTheLastOneKeepingTheData() {
        Path pidFile = dir.resolve("cluster/postmaster.pid");
        try (PostgresDatabase first = open()) {
            assertThat(first.embedded()).isTrue();
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                assertThat(first.dsl().fetchValue("SELECT current_setting('" + setting + "')"))
                        .as(setting).isEqualTo("on");
            }
            assertThat(first.migrate()).isPositive();
            first.dsl().execute("INSERT INTO sync_state (last_successful_date) VALUES (DATE '2026-11-20')");

            PostgresDatabase second = open();
            assertThat(second.description()).isEqualTo(first.description());
            first.close();
            // the second user keeps working after the first is done
            assertThat(pidFile).exists();
            assertThat(second.dsl().fetchValue("SELECT count(*) FROM sync_state")).isEqualTo(1L);
            second.close();
            assertThat(pidFile).doesNotExist();
        }
        try (PostgresDatabase again = open()) {
            assertThat(again.pendingMigrations()).isZero();
            assertThat(again.dsl().fetchValue("SELECT last_successful_date::text FROM sync_state"))
                    .isEqualTo("2026-11-20");
        }
        assertThat(pidFile).doesNotExist();
        assertThat(Files.exists(dir.resolve("cluster/PG_VERSION"))).isTrue();
    }
}
