package com.che168sync.application.port.in.reconcile;

/**
 * {@code ./che168 reconcile}: scans the whole {@code /offers} catalogue (resumable, like the load) and repairs the
 * mirror where the change feed missed events.
 */
public interface ReconcileUseCase {
    ReconcileResult reconcile(ReconcileCommand command);
}
