package com.che168sync.application.normalize;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.normalize.NormalizationStoreException;
import com.che168sync.application.port.out.normalize.NormalizationStoreUnavailableException;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.domain.normalize.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One batch on a writer thread: parse and normalize each raw row, then one transaction for the batch. A batch that
 * fails is split in halves until the bad record(s) are alone; the good ones commit, the bad ones get their error
 * recorded on the raw row.
 */
final class BatchWriter {
    private final SaveNormalizedPort store;
    private final JobReporter reporter;
    private final LocalDate today;

    BatchWriter(SaveNormalizedPort store, JobReporter reporter, LocalDate today) {
        this.store = store;
        this.reporter = reporter;
        this.today = today;
    }

    void write(List<RawListing> raws, NormalizeRun run) {
        List<NormalizedRow> rows = new ArrayList<>(raws.size());
        List<RecordFailure> failures = new ArrayList<>();
        long unmapped = 0;
        for (RawListing raw : raws) {
            Map<String, Object> data;
            try {
                data = raw.data().parse();
            } catch (IllegalArgumentException e) {
                failures.add(new RecordFailure(raw.id(), raw.innerId(), "unreadable raw data: " + e.getMessage()));
                continue;
            }
            try {
                NormalizedRow row = new NormalizedRow(raw, Normalizer.normalize(data, today));
                unmapped += row.normalization().unmapped().size();
                rows.add(row);
            } catch (RuntimeException e) {
                failures.add(new RecordFailure(raw.id(), raw.innerId(), "normalizer error: " + e));
            }
        }
        SaveOutcome saved = SaveOutcome.NONE;
        if (!rows.isEmpty()) {
            try {
                saved = store.save(rows);
            } catch (NormalizationStoreException e) {
                if (e instanceof NormalizationStoreUnavailableException) {
                    throw e; // the database, not a record: nothing to isolate, every row stays queued
                }
                reporter.error(String.format(Locale.ROOT, "Batch of %d records (raw ids %d..%d) failed and was rolled"
                                + " back: %s; isolating the bad record(s)", rows.size(), rows.getFirst().raw().id(),
                        rows.getLast().raw().id(), e.getMessage()), null);
                saved = isolate(rows, e, failures);
            }
        }
        if (!failures.isEmpty()) {
            for (RecordFailure f : failures) {
                reporter.error("Record " + f.innerId() + " (raw id " + f.rawId() + ") not normalized: " + f.error(),
                        null);
            }
            store.recordFailures(failures);
        }
        run.batch(saved, failures, unmapped);
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
                if (e instanceof NormalizationStoreUnavailableException) {
                    throw e;
                }
                result = result.plus(isolate(part, e, failures));
            }
        }
        return result;
    }
}
