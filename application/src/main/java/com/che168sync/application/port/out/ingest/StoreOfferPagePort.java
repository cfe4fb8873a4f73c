package com.che168sync.application.port.out.ingest;

import com.che168sync.application.port.out.source.SourceOffer;
import java.time.Instant;
import java.util.List;

/**
 * Writes pages of the initial load into {@code raw_data}. Every method is one transaction; a page and the
 * bookkeeping that goes with it (checkpoint, failed-page record) commit together or not at all, so a crash at any
 * moment resumes exactly after the last stored page.
 */
public interface StoreOfferPagePort {

    /**
     * Inserts the page's items ({@code source = initial_load}, active, unprocessed, {@code first_loaded_at =
     * last_updated_at = now}); an inner_id already stored (or repeated within the page) is ignored. In the same
     * transaction the checkpoint advances: {@code last_page = page}, {@code next_page = nextPage},
     * {@code pages_loaded + 1}, and {@code finished_at = now} when {@code nextPage} is null.
     *
     * @return how many rows were inserted (the rest were duplicates)
     */
    int storePage(int page, List<SourceOffer> offers, Integer nextPage, Instant now);

    /** As {@link #storePage} for a page fetched again by {@code --refetch-failed}: marks it resolved, checkpoint untouched. */
    int storeRefetchedPage(int page, List<SourceOffer> offers, Instant now);

    /**
     * Records (or updates) a page given up on; when {@code nextPage} is not null the checkpoint advances past it in
     * the same transaction, so the load goes on with the next page.
     */
    void recordFailedPage(int page, int attempts, String error, Integer nextPage, Instant now);

    /** The pages still to refetch, in page order. */
    List<FailedPage> unresolvedFailedPages();

    /** How many listings {@code raw_data} holds (for the progress line of a resumed load). */
    long countListings();
}
