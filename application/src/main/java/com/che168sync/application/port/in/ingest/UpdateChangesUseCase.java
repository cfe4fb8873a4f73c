package com.che168sync.application.port.in.ingest;

/**
 * The daily update (docs/rules.md#daily-update): applies the change feed day by day from the last successful day up to today,
 * committing the sync state with each day's last page. One run at a time (refused otherwise).
 */
public interface UpdateChangesUseCase {
    IngestResult update(UpdateChangesCommand command);
}
