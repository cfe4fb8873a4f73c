package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.db.testing.PostgresFixture.TestDatabase;
import org.junit.jupiter.api.Test;

class PostgresDatabaseIT {
    @Test
    void anExternalServerIsUsedThroughThePoolAndIsUpToDate() {
        TestDatabase db = PostgresFixture.shared().newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(PostgresSettings.external(db.host(), db.port(),
                db.user(), db.password(), db.name(), 3))) {
            assertThat(database.embedded()).isFalse();
            assertThat(database.migrate()).isZero();
            assertThat(database.pendingMigrations()).isZero();
            assertThat(database.schemaVersion()).isPresent();
            assertThat(database.dsl().fetchValue("SELECT current_database()")).isEqualTo(db.name());
            assertThat(database.description()).contains(db.host() + ":" + db.port()).contains(db.name());
        }
    }

    @Test
    void anUnreachableServerIsReportedWithTheSettingsToCheckAndNeverThePassword() {
        assertThatThrownBy(() -> PostgresDatabase.open(PostgresSettings.external("127.0.0.1", 1, "che168",
                "pw-do-not-show", "che168", 2)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("Check DB_HOST, DB_PORT")
                .hasMessageNotContaining("pw-do-not-show")
                .hasMessageNotContaining("..");
    }
}
