package com.che168sync.application.normalize;

import com.che168sync.application.port.in.normalize.NormalizeCommand;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.NormalizationStoreException;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.domain.normalize.Normalization;
import com.che168sync.domain.normalize.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The batch loop of SPEC §3.4. A reader thread loads batch N+1 while {@code writers} threads parse, normalize and
 * write disjoint batches, each in its own transaction, so the database's work on reading and writing and the
 * Java work overlap. A batch that fails is split in halves until the bad record(s) are alone; the good ones
 * commit, the bad ones get their error recorded on the raw row.
 */
public final class NormalizeService implements NormalizeUseCase {
    /** The name of the lock (one normalization at a time). */
    public static final String JOB_NAME = "normalize";
    /** The details of a run's operations_log row that ended without finishing, written by the next run. */
    static final String INTERRUPTED = "interrupted: the run ended without finishing (killed, crashed or the machine"
            + " stopped); marked by the next run";
    private static final int MAX_FAILURE_LINES = 100;

    private final LoadRawListingsPort queue;
    private final SaveNormalizedPort store;
    private final OperationLogPort operations;
    private final JobLockPort locks;
    private final Clock clock;
    private final NormalizeListener listener;
    private final int writers;
    private final Duration progressEvery;

    /**
     * @param writers       parallel writer connections (1 or 2 are sensible; each batch is still one transaction)
     * @param progressEvery how often a progress line is written
     */
    public NormalizeService(LoadRawListingsPort queue, SaveNormalizedPort store, OperationLogPort operations,
                            JobLockPort locks, Clock clock, NormalizeListener listener, int writers,
                            Duration progressEvery) {
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("writers must be between 1 and 8, got " + writers);
        }
        this.queue = queue;
        this.store = store;
        this.operations = operations;
        this.locks = locks;
        this.clock = clock;
        this.listener = listener;
        this.writers = writers;
        this.progressEvery = progressEvery;
    }

    @Override
    public NormalizeResult normalize(NormalizeCommand command) {
        Optional<JobLockPort.JobLock> lock = locks.tryLock(JOB_NAME);
        if (lock.isEmpty()) {
            String reason = "another normalization is running (lock '" + JOB_NAME + "' is held); nothing done";
            listener.error(reason);
            return new NormalizeResult.Refused(reason);
        }
        try (JobLockPort.JobLock held = lock.get()) {
            int interrupted = operations.markInterrupted(OperationType.NORMALIZATION, INTERRUPTED);
            if (interrupted > 0) {
                listener.warning(interrupted + " earlier normalization run(s) had been interrupted (killed or crashed);"
                        + " marked ERROR in operations_log. Their committed batches stand; this run normalizes the"
                        + " rest");
            }
            Instant startedAt = clock.instant();
            long operationId = operations.start(OperationType.NORMALIZATION, startedAt);
            Run run = new Run(command);
            try {
                run.execute();
            } catch (RuntimeException e) {
                run.aborted = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                listener.error("Normalization aborted: " + run.aborted);
            }
            Duration elapsed = Duration.between(startedAt, clock.instant());
            List<UnmappedValue> unmapped = List.of();
            if (command.reportUnmapped() && run.aborted == null) {
                unmapped = store.unmappedValues();
            }
            NormalizeResult.Completed result = new NormalizeResult.Completed(run.counts(), run.failureLines,
                    unmapped, elapsed, run.aborted);
            operations.finish(operationId, result.withErrors() ? OperationStatus.ERROR : OperationStatus.OK, elapsed,
                    run.details(elapsed), run.stats(command, elapsed));
            listener.info(run.summary(elapsed));
            return result;
        }
    }

    /** One run's state. Counters are touched by the writer threads under {@code this}'s lock. */
    private final class Run {
        private final NormalizeCommand command;
        private final LocalDate today = LocalDate.now(clock);
        private final List<String> failureLines = new ArrayList<>();
        private long queued;
        private long parked;
        private long processed;
        private long failed;
        private long unmapped;
        private SaveOutcome outcome = SaveOutcome.NONE;
        private String aborted;

        Run(NormalizeCommand command) {
            this.command = command;
        }

        void execute() {
            if (command.all()) {
                long requeued = queue.requeueAll();
                listener.info(String.format(Locale.ROOT, "Re-normalizing everything: %,d raw rows queued again",
                        requeued));
            }
            QueueStats stats = queue.queueStats(command.maxAttempts(), Normalizer.NORMALIZER_VERSION);
            queued = stats.waiting();
            parked = stats.parked();
            listener.info(String.format(Locale.ROOT,
                    "Starting normalization: %,d raw rows queued, batches of %d, normalizer version %d", queued,
                    command.batchSize(), Normalizer.NORMALIZER_VERSION));
            if (parked > 0) {
                listener.warning(String.format(Locale.ROOT, "%,d raw rows are left alone after %d failed attempts "
                        + "(see raw_data.normalize_error); they are retried when the raw row changes", parked,
                        command.maxAttempts()));
            }
            if (stats.outdated() > 0 && !command.all()) {
                listener.warning(String.format(Locale.ROOT, "%,d processed rows were written by an older normalizer "
                        + "version; run 'normalize --all' to bring them up to date", stats.outdated()));
            }
            ProgressMeter meter = new ProgressMeter(clock, queued, progressEvery);
            BlockingQueue<Prepared> ready = new ArrayBlockingQueue<>(writers + 1);
            Thread reader = Thread.ofPlatform().name("normalize-reader").daemon().unstarted(() -> read(ready));
            ExecutorService pool = Executors.newFixedThreadPool(writers, r -> Thread.ofPlatform()
                    .name("normalize-writer").daemon().unstarted(r));
            List<Future<?>> inFlight = new ArrayList<>();
            reader.start();
            try {
                while (true) {
                    Prepared batch = ready.take();
                    if (batch.error != null) {
                        throw batch.error;
                    }
                    if (batch.raws == null) {
                        break;
                    }
                    inFlight.add(pool.submit(() -> write(prepare(batch.raws))));
                    while (inFlight.size() >= writers) {
                        awaitFirst(inFlight);
                    }
                    String line;
                    synchronized (this) {
                        line = meter.line(processed + failed, false);
                    }
                    if (line != null) {
                        listener.info(line);
                    }
                }
                while (!inFlight.isEmpty()) {
                    awaitFirst(inFlight);
                }
                synchronized (this) {
                    listener.info(meter.line(processed + failed, true));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                reader.interrupt();
                awaitWriters(pool);
            }
        }

        /**
         * Lets batches already handed to a writer finish (commit or roll back) before the run reports: after an
         * abort, what the run says it committed is then what the database holds.
         */
        private static void awaitWriters(ExecutorService pool) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }

        private void awaitFirst(List<Future<?>> inFlight) throws InterruptedException {
            Future<?> first = inFlight.removeFirst();
            try {
                first.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Reader thread: load, normalize, hand over; ends with an end marker or an error marker. */
        private void read(BlockingQueue<Prepared> ready) {
            try {
                long afterId = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    List<RawListing> raws = queue.loadBatch(afterId, command.batchSize(), command.maxAttempts());
                    if (raws.isEmpty()) {
                        ready.put(Prepared.END);
                        return;
                    }
                    afterId = raws.getLast().id();
                    ready.put(new Prepared(null, raws, null, null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    ready.put(new Prepared(null, null, null, e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private Prepared prepare(List<RawListing> raws) {
            List<NormalizedRow> rows = new ArrayList<>(raws.size());
            List<RecordFailure> failures = new ArrayList<>();
            for (RawListing raw : raws) {
                Map<String, Object> data;
                try {
                    data = raw.data().parse();
                } catch (IllegalArgumentException e) {
                    failures.add(new RecordFailure(raw.id(), raw.innerId(), "unreadable raw data: " + e.getMessage()));
                    continue;
                }
                try {
                    rows.add(new NormalizedRow(raw, Normalizer.normalize(data, today)));
                } catch (RuntimeException e) {
                    failures.add(new RecordFailure(raw.id(), raw.innerId(), "normalizer error: " + e));
                }
            }
            return new Prepared(rows, null, failures, null);
        }

        /** Writer thread: one transaction for the batch; on failure, isolate the bad record(s). */
        private void write(Prepared batch) {
            List<RecordFailure> failures = new ArrayList<>(batch.failures);
            SaveOutcome saved = SaveOutcome.NONE;
            if (!batch.rows.isEmpty()) {
                try {
                    saved = store.save(batch.rows);
                } catch (NormalizationStoreException e) {
                    listener.error(String.format(Locale.ROOT, "Batch of %d records (raw ids %d..%d) failed and was "
                                    + "rolled back: %s; isolating the bad record(s)", batch.rows.size(),
                            batch.rows.getFirst().raw().id(), batch.rows.getLast().raw().id(), e.getMessage()));
                    saved = isolate(batch.rows, e, failures);
                }
            }
            if (!failures.isEmpty()) {
                for (RecordFailure f : failures) {
                    listener.error("Record " + f.innerId() + " (raw id " + f.rawId() + ") not normalized: "
                            + f.error());
                }
                store.recordFailures(failures);
            }
            long unmappedHere = 0;
            for (NormalizedRow row : batch.rows) {
                unmappedHere += row.normalization().unmapped().size();
            }
            synchronized (this) {
                outcome = outcome.plus(saved);
                processed += saved.created() + saved.updated();
                failed += failures.size();
                unmapped += unmappedHere;
                for (RecordFailure f : failures) {
                    if (failureLines.size() < MAX_FAILURE_LINES) {
                        failureLines.add(f.innerId() + ": " + f.error());
                    }
                }
            }
        }

        /** {@code rows} failed together with {@code error}: halve until the bad record(s) stand alone. */
        private SaveOutcome isolate(List<NormalizedRow> rows, NormalizationStoreException error,
                                    List<RecordFailure> failures) {
            if (rows.size() == 1) {
                RawListing raw = rows.getFirst().raw();
                failures.add(new RecordFailure(raw.id(), raw.innerId(), error.getMessage()));
                return SaveOutcome.NONE;
            }
            int half = rows.size() / 2;
            SaveOutcome result = SaveOutcome.NONE;
            for (List<NormalizedRow> part : List.of(rows.subList(0, half), rows.subList(half, rows.size()))) {
                try {
                    result = result.plus(store.save(part));
                } catch (NormalizationStoreException e) {
                    result = result.plus(isolate(part, e, failures));
                }
            }
            return result;
        }

        synchronized NormalizeCounts counts() {
            return new NormalizeCounts(queued, processed, outcome.created(), outcome.updated(), outcome.deactivated(),
                    failed, unmapped, parked, outcome.changedMeanwhile());
        }

        synchronized String summary(Duration elapsed) {
            double rate = processed * 1000.0 / Math.max(elapsed.toMillis(), 1);
            return String.format(Locale.ROOT, "Normalization %s: %,d of %,d queued raw rows normalized (created %,d, "
                            + "updated %,d, inactive %,d), failed %,d, unmapped labels %,d, parked %,d, changed meanwhile "
                            + "%,d; %s, %,.0f rows/s",
                    aborted != null ? "aborted" : failed > 0 ? "finished with errors" : "finished", processed, queued,
                    outcome.created(), outcome.updated(), outcome.deactivated(), failed, unmapped, parked,
                    outcome.changedMeanwhile(), ProgressMeter.format(elapsed), rate);
        }

        synchronized String details(Duration elapsed) {
            StringBuilder d = new StringBuilder(summary(elapsed));
            if (aborted != null) {
                d.append("\naborted: ").append(aborted);
            }
            int shown = 0;
            for (String line : failureLines) {
                if (shown++ == 20) {
                    d.append("\n… ").append(failed - 20).append(" more failures (raw_data.normalize_error)");
                    break;
                }
                d.append("\nfailed ").append(line);
            }
            return d.toString();
        }

        synchronized Map<String, Object> stats(NormalizeCommand command, Duration elapsed) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("queued", queued);
            s.put("processed", processed);
            s.put("created", outcome.created());
            s.put("updated", outcome.updated());
            s.put("deactivated", outcome.deactivated());
            s.put("failed", failed);
            s.put("unmapped", unmapped);
            s.put("parked", parked);
            s.put("changed_meanwhile", outcome.changedMeanwhile());
            s.put("batch_size", command.batchSize());
            s.put("all", command.all());
            s.put("normalizer_version", Normalizer.NORMALIZER_VERSION);
            s.put("rows_per_second", Math.round(processed * 1000.0 / Math.max(elapsed.toMillis(), 1)));
            return s;
        }
    }

    /**
     * A batch: as read ({@code raws}, from the reader thread) or normalized ({@code rows} + {@code failures}, on a
     * writer thread). {@link #END} marks the end of the queue, {@code error} a failed read.
     */
    private record Prepared(List<NormalizedRow> rows, List<RawListing> raws, List<RecordFailure> failures,
                            RuntimeException error) {
        static final Prepared END = new Prepared(null, null, List.of(), null);
    }
}
