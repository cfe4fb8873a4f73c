package com.che168sync.application.api;

import com.che168sync.application.port.in.api.HealthReport;
import com.che168sync.application.port.in.api.StatsUseCase;
import com.che168sync.application.port.out.api.DataStats;
import com.che168sync.application.port.out.api.HealthFacts;
import com.che168sync.application.port.out.api.JobSummary;
import com.che168sync.application.port.out.api.LoadStatsPort;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Statistics of the data and of recent runs, each cached for {@code cacheTtl} (they are aggregates over the whole
 * table: a client polling them must not load the database). Health is never cached.
 */
public final class StatsService implements StatsUseCase {
    /** Rows of operations_log shown by {@code /stats}. */
    public static final int LAST_RUNS = 10;

    private final LoadStatsPort port;
    private final Clock clock;
    private final long ttlMillis;
    private final int staleAfterDays;
    private final Cached<DataStats> stats;
    private final Cached<List<JobSummary>> jobs;

    /**
     * @param staleAfterDays health says {@code stale} when the last successful sync is older than this many days
     */
    public StatsService(LoadStatsPort port, Clock clock, Duration cacheTtl, int staleAfterDays) {
        this.port = Objects.requireNonNull(port);
        this.clock = Objects.requireNonNull(clock);
        this.ttlMillis = cacheTtl.toMillis();
        this.staleAfterDays = staleAfterDays;
        this.stats = new Cached<>(() -> port.loadStats(LAST_RUNS));
        this.jobs = new Cached<>(port::jobSummaries);
    }

    @Override
    public DataStats stats() {
        return stats.get();
    }

    @Override
    public List<JobSummary> jobSummaries() {
        return jobs.get();
    }

    @Override
    public HealthReport health() {
        HealthFacts facts;
        try {
            facts = port.health();
        } catch (RuntimeException e) {
            return new HealthReport("down", "down", null, null, null);
        }
        Long age = null;
        String status = "stale";
        if (facts.lastSuccessfulSync() != null) {
            age = ChronoUnit.DAYS.between(facts.lastSuccessfulSync(), LocalDate.ofInstant(clock.instant(),
                    ZoneOffset.UTC));
            status = age <= staleAfterDays ? "ok" : "stale";
        }
        return new HealthReport(status, "up", facts.lastSuccessfulSync(), facts.lastNormalizedAt(), age);
    }

    private final class Cached<T> {
        private final Supplier<T> loader;
        private T value;
        private long loadedAt;

        Cached(Supplier<T> loader) {
            this.loader = loader;
        }

        synchronized T get() {
            long now = clock.millis();
            if (value == null || now - loadedAt >= ttlMillis) {
                value = loader.get();
                loadedAt = now;
            }
            return value;
        }
    }
}
