package com.che168sync.application.port.out.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The single row of {@code load_checkpoint}: where the initial load stands.
 *
 * @param loadStartDate the day the load started: where the first daily update begins
 * @param startedAt     when the load started
 * @param lastPage      the last page stored (0 = none yet)
 * @param nextPage      the page to fetch next, null once the last page was stored
 * @param pagesLoaded   pages stored so far (given-up pages not included)
 * @param finishedAt    when the last page was stored, or null
 */
public record LoadCheckpoint(LocalDate loadStartDate, Instant startedAt, int lastPage, Integer nextPage,
                             int pagesLoaded, Instant finishedAt) {
    public boolean finished() {
        return finishedAt != null || nextPage == null;
    }
}
