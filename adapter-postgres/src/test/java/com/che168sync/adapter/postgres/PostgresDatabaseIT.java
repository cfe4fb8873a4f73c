package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.db.Migrations;
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
    void verifySchemaAcceptsAnUpToDateSchemaAndNamesMigrateOtherwise() {
        TestDatabase db = PostgresFixture.shared().newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(PostgresSettings.external(db.host(), db.port(),
                db.user(), db.password(), db.name(), 2))) {
            String latest = Migrations.scriptVersions().getLast().getVersion();
            assertThat(database.verifySchema()).isEqualTo(latest);

            database.dsl().execute("UPDATE flyway_schema_history SET success = false WHERE version = '1'");
            assertThatThrownBy(database::verifySchema).isInstanceOf(SchemaNotCurrentException.class)
                    .hasMessageContaining("migration failed").hasMessageContaining("version 1")
                    .hasMessageContaining("./che168 migrate");
            database.dsl().execute("UPDATE flyway_schema_history SET success = true WHERE version = '1'");

            database.dsl().execute("DELETE FROM flyway_schema_history WHERE version = ?", latest);
            assertThatThrownBy(database::verifySchema).isInstanceOf(SchemaNotCurrentException.class)
                    .hasMessageContaining("not up to date").hasMessageContaining("not applied: " + latest)
                    .hasMessageContaining("./che168 migrate").hasMessageContaining(db.name());

            database.dsl().execute("DROP TABLE flyway_schema_history");
            assertThatThrownBy(database::verifySchema).isInstanceOf(SchemaNotCurrentException.class)
                    .hasMessageContaining("no che168-sync schema yet").hasMessageContaining("./che168 migrate");
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
