package com.che168sync.application.port.out.api;

import java.util.List;

/** Counts and recent runs for {@code /stats}, {@code /metrics} and {@code /health}. */
public interface LoadStatsPort {
    /** Exact counts (a few aggregate queries: cache the result). */
    DataStats loadStats(int lastRuns);

    /** Runs per job type and status. */
    List<JobSummary> jobSummaries();

    /**
     * A cheap check that the database answers, with the freshness facts.
     *
     * @throws RuntimeException when the database cannot be reached
     */
    HealthFacts health();
}
