package com.che168sync.application.port.in.reconcile;

import java.util.List;

/** How a reconciliation ended. The CLI's exit code follows {@link #exitCode()}. */
public sealed interface ReconcileResult permits ReconcileResult.Repaired, ReconcileResult.Stopped,
        ReconcileResult.Refused {

    /** 0 repaired without an error, 1 stopped or finished with errors, 2 refused. */
    int exitCode();

    /** The scan ran to its end and the mirror was repaired; {@code errors} (failed pages, …) make it exit 1. */
    record Repaired(ReconcileReport report, List<String> errors) implements ReconcileResult {
        public Repaired {
            errors = List.copyOf(errors);
        }

        @Override
        public int exitCode() {
            return errors.isEmpty() ? 0 : 1;
        }
    }

    /**
     * Nothing was repaired: the safety valve stopped the run, or the scan could not finish (an error, {@code reason}
     * says which). The scan stays stored: the next run resumes it or, with {@code --force}, repairs from it.
     */
    record Stopped(ReconcileReport report, String reason) implements ReconcileResult {
        @Override
        public int exitCode() {
            return 1;
        }
    }

    /** Did not start (another run holds a lock, or nothing to reconcile yet): nothing was changed. */
    record Refused(String reason) implements ReconcileResult {
        @Override
        public int exitCode() {
            return 2;
        }
    }
}
