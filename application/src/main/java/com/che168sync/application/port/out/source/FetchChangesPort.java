package com.che168sync.application.port.out.source;

import java.time.LocalDate;

/** Reads the change feed ({@code GET /change_id}, {@code GET /changes}). One call = one request. */
public interface FetchChangesPort {
    /**
     * The first change id of the given day, or 0 when the feed does not have that day (it answered 0, null or no
     * id: a day not begun yet, or one past the feed's retention). Throws the exceptions of this package.
     */
    long firstChangeId(LocalDate date);

    /** The page of events starting at {@code changeId} (inclusive). Throws the exceptions of this package. */
    ChangePage fetchChanges(long changeId);
}
