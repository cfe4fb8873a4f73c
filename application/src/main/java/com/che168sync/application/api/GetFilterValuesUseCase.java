package com.che168sync.application.api;

/** {@code GET /filters}: available filter values with counts, recomputed only when the data changed. */
public interface GetFilterValuesUseCase {
    FilterValues filterValues();
}
