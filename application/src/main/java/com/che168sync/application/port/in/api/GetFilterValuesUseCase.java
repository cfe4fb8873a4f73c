package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.FilterValues;

/** {@code GET /filters}: available filter values with counts, recomputed only when the data changed. */
public interface GetFilterValuesUseCase {
    FilterValues filterValues();
}
