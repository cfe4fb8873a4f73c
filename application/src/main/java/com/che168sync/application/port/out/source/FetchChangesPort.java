package com.che168sync.application.port.out.source;

import java.time.LocalDate;

/** Reads the change feed ({@code GET /change_id}, {@code GET /changes}). One call = one request. */
public interface FetchChangesPort {
    /** The first change id of the given day. Throws the exceptions of this package. */
    long firstChangeId(LocalDate date);

    /** The page of events starting at {@code changeId} (inclusive). Throws the exceptions of this package. */
    ChangePage fetchChanges(long changeId);
}
