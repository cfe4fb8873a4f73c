package com.che168sync.application.port.in.reconcile;

/**
 * A reconciliation run.
 *
 * @param restart forget the stored scan (finished or not) and scan from page 1
 * @param force   repair even when the drift is over the safety valve's share
 */
public record ReconcileCommand(boolean restart, boolean force) {
    /** Resume the stored scan, or start a new one; the valve applies. */
    public static ReconcileCommand resume() {
        return new ReconcileCommand(false, false);
    }
}
