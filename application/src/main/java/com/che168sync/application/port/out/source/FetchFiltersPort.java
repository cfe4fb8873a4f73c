package com.che168sync.application.port.out.source;

import java.util.Map;

/** Reads the source's filter values ({@code GET /filters}) as plain Java values. */
public interface FetchFiltersPort {
    Map<String, Object> fetchFilters();
}
