package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    @Test
    void theServerLetsInOnlyWithTheOwnerOnlyPasswordOverTcpAndTheSocketAndALostOneIsReplaced() throws Exception {
        Path data = dir.resolve("data");
        PostgresSettings settings = PostgresSettings.embedded(data.resolve("postgres"), "che168", 2);
        String first;
        try (PostgresDatabase db = PostgresDatabase.open(settings)) {
            int port = port(db);
            String password = Files.readString(data.resolve("postgres/superuser.password")).strip();
            assertThat(password).hasSize(40).isEqualTo(db.password());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    data.resolve("postgres/superuser.password")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("postgres"))))
                    .isEqualTo("rwx------");
            assertThat(EmbeddedPostgresServer.trusts(data.resolve("postgres/cluster"))).isFalse();
            assertThat(db.description()).doesNotContain(password);

            SuperuserLogin login = SuperuserLogin.to(data.resolve("postgres/cluster"));
            assertThat(login.port()).isEqualTo(port);
            login.assertRefusedWithout(password);
            try (Connection c = login.tcp("postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
            try (Connection c = login.socket("postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
            db.dsl().execute("CREATE TABLE kept (id int)");
            first = password;
        }
        // a lost password file: the next start sets a new password (the data stays)
        Files.delete(data.resolve("postgres/superuser.password"));
        try (PostgresDatabase db = PostgresDatabase.open(settings)) {
            assertThat(db.password()).isNotEqualTo(first);
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM kept")).isEqualTo(0L);
            SuperuserLogin login = SuperuserLogin.to(data.resolve("postgres/cluster"));
            assertThatThrownBy(() -> login.tcp("postgres", first).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void aStoppedTrustClusterOfAnEarlierReleaseIsSwitchedOverOnTheNextStartAndKeepsItsData() throws Exception {
        try (EarlierReleaseCluster old = EarlierReleaseCluster.start(dir, "che168")) {
            try (Connection c = old.connect("che168"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO kept SELECT g, 'row ' || g FROM generate_series(1, 500) g");
            }
            assertThat(EmbeddedPostgresServer.trusts(dir.resolve("cluster"))).isTrue();
            old.stop();
        }
        try (PostgresDatabase db = open()) {
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM kept")).isEqualTo(500L);
            assertThat(db.dsl().fetchValue("SELECT note FROM kept WHERE id = 500")).isEqualTo("row 500");
            SuperuserLogin.to(dir.resolve("cluster")).assertRefusedWithout(db.password());
            assertThat(EmbeddedPostgresServer.trusts(dir.resolve("cluster"))).isFalse();
        }
        // the next start finds nothing left to do
        try (PostgresDatabase again = open()) {
            assertThat(again.dsl().fetchValue("SELECT count(*) FROM kept")).isEqualTo(500L);
        }
    }

    @Test
    void aRunningTrustClusterOfAnEarlierReleaseIsSwitchedOverOnLine() throws Exception {
        try (EarlierReleaseCluster old = EarlierReleaseCluster.start(dir, "che168");
             Connection before = old.connect("che168"); Statement s = before.createStatement()) {
            s.execute("CREATE TABLE kept (id int PRIMARY KEY)");
            s.execute("INSERT INTO kept VALUES (1), (2)");
            try (PostgresDatabase db = open()) {
                assertThat(port(db)).isEqualTo(old.port());
                assertThat(db.dsl().fetchValue("SELECT count(*) FROM kept")).isEqualTo(2L);
                SuperuserLogin.to(dir.resolve("cluster")).assertRefusedWithout(db.password());
                // a connection made before the switch keeps working
                s.execute("INSERT INTO kept VALUES (3)");
                assertThat(db.dsl().fetchValue("SELECT count(*) FROM kept")).isEqualTo(3L);
            }
        }
    }

    private static int port(PostgresDatabase db) {
        return ((Number) db.dsl().fetchValue("SELECT inet_server_port()")).intValue();
    }
}
