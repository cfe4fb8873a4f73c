package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.db.Migrations;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.db.testing.PostgresFixture.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

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
    void theDriverReadsAheadAndEveryByteAndNotificationArrivesAsSent() throws Exception {
        TestDatabase db = PostgresFixture.shared().newDatabase();
        try (PostgresDatabase database = PostgresDatabase.open(PostgresSettings.external(db.host(), db.port(),
                db.user(), db.password(), db.name(), 2))) {
            assertThat(((HikariDataSource) database.dataSource()).getDataSourceProperties()
                    .getProperty("socketFactory")).isEqualTo(ReadAheadSocketFactory.class.getName());
            // a value 5 times the read-ahead buffer, multi-byte characters across its edges
            String big = (String) database.dsl().fetchValue("SELECT repeat('ab\u20ac', 100000)");
            assertThat(big).hasSize(300_000).startsWith("ab\u20acab").endsWith("b\u20ac");
            // rows of every size around the buffer's: each exactly as long as sent
            assertThat(database.dsl().fetch("SELECT g, repeat('x', g * 331) FROM generate_series(1, 400) g")
                    .map(r -> r.get(1, String.class).length() == r.get(0, Integer.class) * 331))
                    .hasSize(400).containsOnly(true);
            // the driver looks for a pending notification with a 1 ms socket timeout: through the buffer, a timed-out
            // look loses nothing and the connection goes on
            try (Connection listener = database.dataSource().getConnection();
                 Statement listen = listener.createStatement()) {
                listen.execute("LISTEN che168_read_ahead");
                PGConnection pg = listener.unwrap(PGConnection.class);
                assertThat(pg.getNotifications(50)).isEmpty();
                try (Connection other = database.dataSource().getConnection();
                     Statement notify = other.createStatement()) {
                    notify.execute("NOTIFY che168_read_ahead, 'first'");
                    notify.execute("NOTIFY che168_read_ahead, 'second'");
                }
                assertThat(pg.getNotifications(5_000)).extracting(PGNotification::getParameter)
                        .containsExactly("first", "second");
                try (ResultSet rs = listen.executeQuery("SELECT 42")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
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
