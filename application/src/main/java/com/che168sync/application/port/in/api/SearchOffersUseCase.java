package com.che168sync.application.port.in.api;

/** {@code GET /offers}: active listings, filtered, sorted, paged. */
public interface SearchOffersUseCase {
    /**
     * One page.
     *
     * @throws InvalidQueryException for a limit over the cap, a page beyond the offset cap, a tampered or foreign
     *                               cursor, or a label that is no known value of its field
     */
    SearchOffersResult search(SearchOffersQuery query);
}
