package com.che168sync.application.port.out.status;

import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.out.status.SyncStateView;
import com.che168sync.application.port.out.status.TableCounts;
import java.time.Instant;
import java.util.Optional;

/** Read-only counts and states for the status report. */
public interface LoadStatusPort {
    /** Row counts; tokens count as active when neither revoked nor expired at {@code now}. */
    TableCounts counts(Instant now);

    /** The daily update's state, empty before the first successful day. */
    Optional<SyncStateView> syncState();

    /** The initial load's checkpoint, empty before the first load. */
    Optional<LoadCheckpointView> loadCheckpoint();
}
