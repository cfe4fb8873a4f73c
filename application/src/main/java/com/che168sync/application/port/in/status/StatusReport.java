package com.che168sync.application.port.in.status;

import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.out.status.SyncStateView;
import com.che168sync.application.port.out.status.TableCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code che168 status} shows: counts, the sync state, the load checkpoint, the latest runs and the last
 * reconciliation (its {@code stats} hold the drift it found and repaired).
 */
public record StatusReport(Instant at, TableCounts counts, Optional<SyncStateView> syncState,
                           Optional<LoadCheckpointView> loadCheckpoint, List<OperationRecord> recentOperations,
                           Optional<OperationRecord> lastReconciliation) {
    public StatusReport {
        recentOperations = List.copyOf(recentOperations);
    }
}
