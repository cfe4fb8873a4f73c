package com.che168sync.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.db.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaIT {
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.shared().newDatabase().dataSource();
    }

    @Test
    void everyTableOfTheSpecExists() throws SQLException {
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .contains("raw_data", "processed_data", "api_tokens", "operations_log", "sync_state",
                        "load_checkpoint", "load_failed_pages");
    }

    @Test
    void rawDataHasEveryColumnOfTheSpec() throws SQLException {
        assertThat(strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'raw_data'"))
                .contains("id", "inner_id", "api_id", "change_type", "created_at", "data", "first_loaded_at",
                        "last_updated_at", "source", "active_status", "is_processed", "last_change_id");
    }

    @Test
    void innerIdIsUnique() throws SQLException {
        execute("INSERT INTO raw_data (inner_id, data, source) VALUES ('1001', '{}', 'initial_load')");
        assertThatThrownBy(() -> execute(
                "INSERT INTO raw_data (inner_id, data, source) VALUES ('1001', '{\"a\":1}', 'daily_update')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("raw_data_inner_id_key");
    }

    @Test
    void newRawRowsAreActiveAndUnprocessedByDefault() throws SQLException {
        execute("INSERT INTO raw_data (inner_id, data, source) VALUES ('2002', '{}', 'initial_load')");
        assertThat(strings("SELECT active_status || ',' || is_processed FROM raw_data WHERE inner_id = '2002'"))
                .containsExactly("0,false");
    }

    @Test
    void theNormalizersQueueHasAPartialIndex() throws SQLException {
        assertThat(strings("SELECT indexdef FROM pg_indexes WHERE tablename = 'raw_data'"))
                .anySatisfy(def -> assertThat(def).contains("WHERE (is_processed = false)"));
    }

    @Test
    void rawDataIsIndexedAsTheSpecAsks() throws SQLException {
        List<String> defs = strings("SELECT indexdef FROM pg_indexes WHERE tablename = 'raw_data'");
        assertThat(defs).anySatisfy(def -> assertThat(def).contains("(active_status)"));
        assertThat(defs).anySatisfy(def -> assertThat(def).contains("(last_updated_at)"));
        assertThat(defs).anySatisfy(def -> assertThat(def).contains("UNIQUE").contains("(inner_id)"));
    }

    @Test
    void tokensMustBeSixteenAlphanumericCharacters() {
        assertThatThrownBy(() -> execute("INSERT INTO api_tokens (token) VALUES ('short')"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("api_tokens_token_format_check");
    }

    @Test
    void activeStatusIsZeroOrOne() {
        assertThatThrownBy(() -> execute(
                "INSERT INTO raw_data (inner_id, data, source, active_status) VALUES ('3003', '{}', 'initial_load', 2)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("raw_data_active_status_check");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
