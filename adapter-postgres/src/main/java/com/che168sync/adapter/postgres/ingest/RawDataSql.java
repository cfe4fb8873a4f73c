package com.che168sync.adapter.postgres.ingest;

import static com.che168sync.db.jooq.Tables.RAW_DATA;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Field;

/**
 * The {@code raw_data} columns of the ingest's hot statements (a load page, a change page), taken from the generated
 * jOOQ table: a renamed column breaks the build, and the column lists, the {@code VALUES} rows with their casts and
 * the {@code ON CONFLICT … SET} list are derived from one list each instead of being typed twice
 * (docs/adr/0042-hot-paths-jdbc.md).
 */
final class RawDataSql {
    /** What each item of a {@code /offers} page brings, in parameter order. */
    static final List<Field<?>> OFFER = List.of(RAW_DATA.INNER_ID, RAW_DATA.API_ID, RAW_DATA.CHANGE_TYPE,
            RAW_DATA.CREATED_AT, RAW_DATA.DATA);
    /** What each listing of a change page brings, in parameter order. */
    static final List<Field<?>> LISTING = List.of(RAW_DATA.INNER_ID, RAW_DATA.API_ID, RAW_DATA.CHANGE_TYPE,
            RAW_DATA.CREATED_AT, RAW_DATA.DATA, RAW_DATA.SOURCE, RAW_DATA.ACTIVE_STATUS, RAW_DATA.LAST_CHANGE_ID);
    /** What a change overwrites in a stored listing (and it is queued for normalization again). */
    static final List<Field<?>> UPDATED_BY_A_CHANGE = List.of(RAW_DATA.API_ID, RAW_DATA.CHANGE_TYPE,
            RAW_DATA.CREATED_AT, RAW_DATA.DATA, RAW_DATA.LAST_UPDATED_AT, RAW_DATA.ACTIVE_STATUS,
            RAW_DATA.LAST_CHANGE_ID);

    private RawDataSql() {
    }

    /** {@code inner_id, api_id, …}. */
    static String names(List<Field<?>> fields, Field<?>... more) {
        return java.util.stream.Stream.concat(fields.stream(), Arrays.stream(more)).map(Field::getName)
                .collect(Collectors.joining(", "));
    }

    /** {@code u.inner_id, u.api_id, …}. */
    static String qualified(String alias, List<Field<?>> fields) {
        return fields.stream().map(f -> alias + "." + f.getName()).collect(Collectors.joining(", "));
    }

    /** {@code ?, ?::bigint, ?, ?::timestamp with time zone, ?::jsonb}: text goes as is, other types are cast. */
    static String placeholders(List<Field<?>> fields) {
        return fields.stream().map(RawDataSql::placeholder).collect(Collectors.joining(", "));
    }

    /** {@code api_id = EXCLUDED.api_id, …}. */
    static String fromExcluded(List<Field<?>> fields) {
        return fields.stream().map(f -> f.getName() + " = EXCLUDED." + f.getName()).collect(Collectors.joining(", "));
    }

    private static String placeholder(Field<?> field) {
        return field.getType() == String.class ? "?" : "?::" + field.getDataType().getCastTypeName();
    }
}
