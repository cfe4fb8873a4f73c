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
 */
public record ChangePage(long changeId, List<SourceChange> changes, Long nextChangeId) {
    public ChangePage {
        changes = List.copyOf(changes);
    }

    public boolean isEnd() {
        return nextChangeId == null || changes.isEmpty();
    }
}
