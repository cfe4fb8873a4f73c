package com.che168sync.application.port.in.normalize;

import com.che168sync.application.port.out.normalize.UnmappedValue;
import java.time.Duration;
import java.util.List;

/** How a normalization run ended. */
public sealed interface NormalizeResult {
    /**
     * The run went through the queue.
     *
     * @param counts   what it did
     * @param failures one line per record that failed (inner_id: error), at most 100
     * @param unmapped the unmapped-label report (empty unless asked for)
     * @param elapsed  wall time
     * @param abortedBecause why the run stopped early (e.g. the database went away), or null when it went through
     */
    record Completed(NormalizeCounts counts, List<String> failures, List<UnmappedValue> unmapped, Duration elapsed,
                     String abortedBecause) implements NormalizeResult {
        public Completed {
            failures = List.copyOf(failures);
            unmapped = List.copyOf(unmapped);
        }

        /** True when a record failed or the run was aborted: the run's status is {@code ERROR}. */
        public boolean withErrors() {
            return counts.failed() > 0 || abortedBecause != null;
        }
    }

    /** Another normalization holds the lock; nothing was done. */
    record Refused(String reason) implements NormalizeResult {
    }
}
