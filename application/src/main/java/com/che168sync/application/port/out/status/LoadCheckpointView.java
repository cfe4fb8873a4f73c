package com.che168sync.application.port.out.status;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where the initial load stands: the day it started (the first daily update begins there), the last page stored,
 * the next page to fetch (null when done), pages stored, and when it finished (null while unfinished).
 */
public record LoadCheckpointView(LocalDate loadStartDate, Instant startedAt, int lastPage, Integer nextPage,
                                 int pagesLoaded, Instant finishedAt, Instant updatedAt) {
}
