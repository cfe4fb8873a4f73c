package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.ListingChange;

import java.util.List;

/**
 * One page of the changes feed.
 *
 * @param items     the listings changed since the cursor, oldest change first
 * @param since     the number the page started after (what {@code since} meant)
 * @param nextSince the cursor of the next page: pass it as {@code since}
 * @param more      whether more changes are waiting right now (else: poll later with {@code nextSince})
 */
public record ChangesPage(List<ListingChange> items, long since, String nextSince, boolean more) {
    public ChangesPage {
        items = List.copyOf(items);
    }
}
