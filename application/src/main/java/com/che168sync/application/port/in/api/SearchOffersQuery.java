package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.OfferSort;

/**
 * One request of {@code GET /offers}: filters, order and either a page number or a cursor.
 *
 * @param filter the filters ({@link OfferFilter#NONE} for none)
 * @param sort   the order
 * @param page   page number from 1 (offset paging, capped: deep pages need the cursor); null with a cursor
 * @param limit  listings per page, from 1 (the cap is the service's setting)
 * @param cursor the opaque {@code next_cursor} of a previous page, or null
 */
public record SearchOffersQuery(OfferFilter filter, OfferSort sort, Integer page, int limit, String cursor) {
    public SearchOffersQuery {
        if (filter == null) {
            filter = OfferFilter.NONE;
        }
        if (sort == null) {
            sort = OfferSort.DEFAULT;
        }
        if (limit < 1) {
            throw new InvalidQueryException("limit", "limit must be at least 1");
        }
        if (page != null && cursor != null) {
            throw new InvalidQueryException("cursor", "give either page or cursor, not both");
        }
        if (page != null && page < 1) {
            throw new InvalidQueryException("page", "page must be at least 1");
        }
        if (cursor != null && cursor.isEmpty()) {
            throw new InvalidQueryException("cursor", "cursor is empty");
        }
    }
}
