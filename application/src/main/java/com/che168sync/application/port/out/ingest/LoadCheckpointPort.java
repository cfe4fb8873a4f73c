package com.che168sync.application.port.out.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Reads and (re)starts the initial load's checkpoint ({@code load_checkpoint}). */
public interface LoadCheckpointPort {
    /** The checkpoint, or empty when no load ever started. */
    Optional<LoadCheckpoint> findCheckpoint();

    /**
     * Starts a load from page 1: replaces the checkpoint (and forgets the failed pages of an earlier load) in one
     * transaction. Rows already in {@code raw_data} stay.
     */
    LoadCheckpoint startCheckpoint(LocalDate loadStartDate, Instant now);
}
