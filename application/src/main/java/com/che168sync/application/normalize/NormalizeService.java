package com.che168sync.application.normalize;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.domain.normalize.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The normalization (docs/rules.md#normalization): every raw row waiting in the queue ({@code is_processed = false}) becomes a typed
 * processed_data row. The caller reads batch N+1 while {@code writers} threads parse, normalize and write earlier,
 * disjoint batches, each in its own transaction ({@link WriteBehind}, {@link BatchWriter}), so the database's work on
 * reading and writing and the Java work overlap.
 */
public final class NormalizeService implements NormalizeUseCase {
    /** The name of the lock (one normalization at a time). */
    public static final String JOB_NAME = "normalize";
    private static final JobSpec JOB = new JobSpec(JOB_NAME, "normalization", OperationType.NORMALIZATION);

    private final LoadRawListingsPort queue;
    private final SaveNormalizedPort store;
    private final JobRunner runner;
    private final JobReporter reporter;
    private final Clock clock;
    private final int writers;
    private final Duration progressEvery;

    /**
     * @param writers       parallel writer connections (1 or 2 are sensible; each batch is still one transaction)
     * @param progressEvery how often a progress line is written
     */
    public NormalizeService(LoadRawListingsPort queue, SaveNormalizedPort store, OperationLogPort operations,
                            JobLockPort locks, Clock clock, JobReporter reporter, int writers,
                            Duration progressEvery) {
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("writers must be between 1 and 8, got " + writers);
        }
        this.queue = queue;
        this.store = store;
        this.reporter = reporter;
        this.clock = clock;
        this.writers = writers;
        this.progressEvery = progressEvery;
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public NormalizeResult normalize(NormalizeListingsCommand command) {
        return runner.run(JOB, new NormalizeRun(command, run -> normalizeQueue(command, run)));
    }

    private List<UnmappedValue> normalizeQueue(NormalizeListingsCommand command, NormalizeRun run) {
        if (command.all()) {
            long requeued = queue.requeueAll();
            reporter.info(String.format(Locale.ROOT, "Re-normalizing everything: %,d raw rows queued again", requeued));
        }
        QueueStats stats = queue.queueStats(command.maxAttempts(), Normalizer.NORMALIZER_VERSION);
        run.queue(stats);
        reporter.info(String.format(Locale.ROOT, "Starting normalization: %,d raw rows queued, batches of %d,"
                + " normalizer version %d", stats.waiting(), command.batchSize(), Normalizer.NORMALIZER_VERSION));
        if (stats.parked() > 0) {
            reporter.warn(String.format(Locale.ROOT, "%,d raw rows are left alone after %d failed attempts (see"
                    + " raw_data.normalize_error); they are retried when the raw row changes", stats.parked(),
                    command.maxAttempts()));
        }
        if (stats.outdated() > 0 && !command.all()) {
            reporter.warn(String.format(Locale.ROOT, "%,d processed rows were written by an older normalizer version;"
                    + " run 'normalize --all' to bring them up to date", stats.outdated()));
        }
        Progress progress = new Progress(reporter, clock, stats.waiting(), 0, progressEvery, null);
        BatchWriter batches = new BatchWriter(store, reporter, LocalDate.now(clock));
        try (WriteBehind<Void> writer = new WriteBehind<>("normalize-writer", writers)) {
            long afterId = 0;
            List<RawListing> raws;
            while (!(raws = queue.loadBatch(afterId, command.batchSize(), command.maxAttempts())).isEmpty()) {
                afterId = raws.getLast().id();
                List<RawListing> batch = raws;
                writer.submit(() -> batches.write(batch, run));
                progress.tick(run.done());
            }
        }
        progress.finish(run.done(), true);
        return command.reportUnmapped() ? store.unmappedValues() : List.of();
    }
}
