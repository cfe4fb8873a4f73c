package com.che168sync.application.port.out.normalize;

import java.util.List;

/** processed_data and the raw rows' bookkeeping. */
public interface SaveNormalizedPort {
    /**
     * One transaction: upserts the rows into processed_data (by inner_id) and marks their raw rows processed
     * (errors and attempts cleared) — only rows whose version is still the one read.
     *
     * @throws NormalizationStoreException when anything fails; then nothing of the batch is committed
     */
    SaveOutcome save(List<NormalizedRow> rows);

    /**
     * Records failures on their raw rows ({@code normalize_error}, {@code normalize_attempts + 1}); the rows stay
     * unprocessed. Its own transaction.
     */
    void recordFailures(List<RecordFailure> failures);

    /** Labels with code {@code unknown} in processed_data, by field, most frequent first. */
    List<UnmappedValue> unmappedValues();
}
