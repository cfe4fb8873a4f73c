package com.che168sync.application.port.out.source;

import java.util.List;

/**
 * One page of {@code /changes}.
 *
 * @param changeId     the change id asked for (inclusive)
 * @param changes      the events, in the order sent
 * @param nextChangeId where the next page starts, or null at the end of the feed (null/0 sent, or an empty page).
 *                     The adapter guarantees that a non-empty page advances ({@code nextChangeId > changeId});
 *                     a stalled cursor is a {@link SourceMalformedResponseException}.
 * @param defects      events of the page that could not be taken as sent (left out of {@code changes}, or kept
 *                     there repaired); the page itself is good
 */
public record ChangePage(long changeId, List<SourceChange> changes, Long nextChangeId, List<ItemDefect> defects) {
    public ChangePage {
        changes = List.copyOf(changes);
        defects = List.copyOf(defects);
    }

    /** A page without defects. */
    public ChangePage(long changeId, List<SourceChange> changes, Long nextChangeId) {
        this(changeId, changes, nextChangeId, List.of());
    }

    public boolean isEnd() {
        return nextChangeId == null || changes.isEmpty() && defects.isEmpty();
    }
}
