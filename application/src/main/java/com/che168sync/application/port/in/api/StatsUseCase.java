package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.DataStats;
import com.che168sync.application.port.out.api.JobSummary;
import java.util.List;

/** {@code GET /stats}, {@code GET /health} and the job part of {@code GET /metrics}. */
public interface StatsUseCase {
    DataStats stats();

    List<JobSummary> jobSummaries();

    /** Never throws: a database that does not answer is reported as {@code down}. */
    HealthReport health();
}
