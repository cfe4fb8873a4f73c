package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.OfferRow;
import java.util.List;

/**
 * One page of {@code GET /offers}.
 *
 * @param items      the listings
 * @param page       this page's number (a cursor page counts on from the page that gave the cursor)
 * @param nextPage   the next page number for offset paging, null at the end or beyond the offset cap
 * @param limit      the page size used
 * @param total      matching active listings: exact up to {@link com.che168sync.application.api.SearchOffersService#EXACT_COUNT_CAP}, else the
 *                   planner's estimate (see {@code totalExact})
 * @param totalExact whether {@code total} is exact
 * @param nextCursor opaque cursor of the next page, null at the end
 */
public record SearchOffersResult(List<OfferRow> items, int page, Integer nextPage, int limit, long total, boolean totalExact,
                        String nextCursor) {
    public SearchOffersResult {
        items = List.copyOf(items);
    }
}
