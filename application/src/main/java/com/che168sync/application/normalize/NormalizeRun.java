package com.che168sync.application.normalize;

import com.che168sync.application.job.JobOutcome;
import com.che168sync.application.job.JobRun;
import com.che168sync.application.job.JobWork;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.domain.normalize.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** A normalization run's counts (touched by the writer threads) and how they read. */
final class NormalizeRun implements JobWork<NormalizeResult> {
    private static final int MAX_FAILURE_LINES = 100;

    private final NormalizeListingsCommand command;
    private final Function<NormalizeRun, List<UnmappedValue>> body;
    private final List<String> failureLines = new ArrayList<>();
    private long queued;
    private long parked;
    private long processed;
    private long failed;
    private long unmapped;
    private SaveOutcome outcome = SaveOutcome.NONE;

    /** {@code body} normalizes the queue, counting into this run; it returns the unmapped-label report. */
    NormalizeRun(NormalizeListingsCommand command, Function<NormalizeRun, List<UnmappedValue>> body) {
        this.command = command;
        this.body = body;
    }

    synchronized void queue(QueueStats stats) {
        queued = stats.waiting();
        parked = stats.parked();
    }

    /** One batch written (or given up on, record by record). */
    synchronized void batch(SaveOutcome saved, List<RecordFailure> failures, long unmappedLabels) {
        outcome = outcome.plus(saved);
        processed += saved.created() + saved.updated();
        failed += failures.size();
        unmapped += unmappedLabels;
        for (RecordFailure f : failures) {
            if (failureLines.size() < MAX_FAILURE_LINES) {
                failureLines.add(f.innerId() + ": " + f.error());
            }
        }
    }

    /** Records done so far (normalized or failed), for the progress line. */
    synchronized long done() {
        return processed + failed;
    }

    @Override
    public NormalizeResult run(JobRun run) {
        List<UnmappedValue> report = body.apply(this);
        return result(report, run, null);
    }

    @Override
    public NormalizeResult stopped(String reason, JobRun run) {
        return result(List.of(), run, reason);
    }

    @Override
    public NormalizeResult refused(String reason) {
        return new NormalizeResult.Refused(reason);
    }

    @Override
    public synchronized JobOutcome outcome(NormalizeResult result, JobRun run) {
        NormalizeResult.Completed done = (NormalizeResult.Completed) result;
        double rate = processed * 1000.0 / Math.max(done.elapsed().toMillis(), 1);
        String summary = String.format(Locale.ROOT, "%,d of %,d queued raw rows normalized (created %,d, updated %,d,"
                        + " inactive %,d), failed %,d, unmapped labels %,d, parked %,d, changed meanwhile %,d;"
                        + " %,.0f rows/s", processed, queued, outcome.created(), outcome.updated(),
                outcome.deactivated(), failed, unmapped, parked, outcome.changedMeanwhile(), rate);
        StringBuilder details = new StringBuilder(summary);
        if (done.abortedBecause() != null) {
            details.append("\naborted: ").append(done.abortedBecause());
        }
        int shown = 0;
        for (String line : failureLines) {
            if (shown++ == 20) {
                details.append("\n… ").append(failed - 20).append(" more failures (raw_data.normalize_error)");
                break;
            }
            details.append("\nfailed ").append(line);
        }
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
        s.put("rows_per_second", Math.round(rate));
        boolean ok = !done.withErrors();
        return new JobOutcome(ok, run.finishedLine(ok, summary), details.toString(), s);
    }

    private synchronized NormalizeResult result(List<UnmappedValue> report, JobRun run, String aborted) {
        NormalizeCounts counts = new NormalizeCounts(queued, processed, outcome.created(), outcome.updated(),
                outcome.deactivated(), failed, unmapped, parked, outcome.changedMeanwhile());
        return new NormalizeResult.Completed(counts, failureLines, report, run.elapsed(), aborted);
    }
}
