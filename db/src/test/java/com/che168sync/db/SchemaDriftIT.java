package com.che168sync.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.db.jooq.DefaultSchema;
import com.che168sync.db.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * The jOOQ classes are generated from the migration scripts by jOOQ's parser (no server). This test
 * proves that what the parser understood is what PostgreSQL built from the same scripts: same tables,
 * same columns, same nullability and compatible types. A migration jOOQ misreads fails the build here.
 */
class SchemaDriftIT {

    @Test
    void generatedClassesMatchTheMigratedDatabase() throws SQLException {
        DataSource db = PostgresFixture.shared().newDatabase().dataSource();
        Map<String, String> live = new TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'""")) {
            while (rs.next()) {
                live.put(rs.getString(1) + "." + rs.getString(2), normalize(rs.getString(3)) + nullable(rs.getString(4)));
            }
        }
        Map<String, String> generated = new TreeMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Field<?> field : table.fields()) {
                generated.put(table.getName() + "." + field.getName(),
                        typeOf(field) + nullable(field.getDataType().nullable()));
            }
        }
        assertThat(generated).isEqualTo(live);
    }

    private static String nullable(String isNullable) {
        return "YES".equals(isNullable) ? " null" : " not null";
    }

    private static String nullable(boolean nullable) {
        return nullable ? " null" : " not null";
    }

    private static String typeOf(Field<?> field) {
        if (field.getType() == JSONB.class) {
            return "jsonb";
        }
        return normalize(field.getDataType().getTypeName());
    }

    /** Maps PostgreSQL's and jOOQ's spellings of a type to one word. */
    private static String normalize(String type) {
        String t = type.toLowerCase();
        return switch (t) {
            case "character varying", "varchar" -> "varchar";
            case "timestamp with time zone", "timestamptz", "timestamp(6) with time zone" -> "timestamptz";
            case "integer", "int", "int4", "serial" -> "integer";
            case "bigint", "int8", "bigserial" -> "bigint";
            case "boolean", "bool" -> "boolean";
            case "numeric", "decimal" -> "numeric";
            case "text", "clob" -> "text";
            case "bytea", "blob" -> "bytea";
            default -> t;
        };
    }
}
