package com.che168sync.adapter.postgres.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawDataSqlTest {
    @Test
    void theColumnListsAndValuesRowsComeFromTheGeneratedTable() {
        assertThat(RawDataSql.names(RawDataSql.OFFER)).isEqualTo("inner_id, api_id, change_type, created_at, data");
        assertThat(RawDataSql.qualified("u", RawDataSql.LISTING)).isEqualTo("u.inner_id, u.api_id, u.change_type,"
                + " u.created_at, u.data, u.source, u.active_status, u.last_change_id");
        // text goes as it is; numbers, times and JSON are cast from the text the driver sends
        assertThat(RawDataSql.placeholders(RawDataSql.LISTING).split(", "))
                .hasSize(RawDataSql.LISTING.size())
                .satisfies(p -> assertThat(p[0]).isEqualTo("?"))
                .satisfies(p -> assertThat(p[1]).isEqualTo("?::bigint"))
                .satisfies(p -> assertThat(p[2]).isEqualTo("?"))
                .satisfies(p -> assertThat(p[3]).startsWith("?::timestamp"))
                .satisfies(p -> assertThat(p[4]).isEqualTo("?::jsonb"))
                .satisfies(p -> assertThat(p[6]).isEqualTo("?::integer"));
        assertThat(RawDataSql.fromExcluded(RawDataSql.UPDATED_BY_A_CHANGE))
                .startsWith("api_id = EXCLUDED.api_id, ").doesNotContain("inner_id");
    }
}
