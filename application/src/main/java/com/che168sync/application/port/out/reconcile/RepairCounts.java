package com.che168sync.application.port.out.reconcile;

/** What a repair wrote to {@code raw_data}: rows stored, reactivated, changed and marked removed. */
public record RepairCounts(long added, long reactivated, long changed, long removed) {
}
