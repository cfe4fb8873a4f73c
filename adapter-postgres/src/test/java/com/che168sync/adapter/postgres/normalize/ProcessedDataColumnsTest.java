package com.che168sync.adapter.postgres.normalize;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.junit.jupiter.api.Test;

class ProcessedDataColumnsTest {
    @Test
    void everyColumnOfTheTableIsWrittenOrFilledByTheDatabaseAndNoneTwice() {
        List<Field<?>> covered = new ArrayList<>();
        ProcessedDataColumns.WRITTEN.forEach(c -> covered.add(c.field()));
        covered.addAll(ProcessedDataColumns.NOT_WRITTEN);
        assertThat(covered).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(PROCESSED_DATA.fields()));
    }

    @Test
    void theStatementPartsAreDerivedFromTheColumns() {
        assertThat(ProcessedDataColumns.PARAMS_PER_ROW).isEqualTo(PROCESSED_DATA.fields().length
                - ProcessedDataColumns.NOT_WRITTEN.size());
        assertThat(ProcessedDataColumns.NAMES).startsWith("inner_id, is_active, mark,")
                .endsWith("normalized_data, normalizer_version, raw_updated_at, normalized_at");
        assertThat(ProcessedDataColumns.ROW.chars().filter(c -> c == '?').count())
                .isEqualTo(ProcessedDataColumns.PARAMS_PER_ROW);
        assertThat(ProcessedDataColumns.ROW).startsWith("(?,?,").contains(",?::jsonb,").endsWith(",?,now())");
        assertThat(ProcessedDataColumns.UPDATE_ALL).doesNotContain("inner_id =").doesNotContain("id = EXCLUDED.id")
                .startsWith("is_active = EXCLUDED.is_active, ")
                .endsWith("normalized_at = EXCLUDED.normalized_at");
    }
}
