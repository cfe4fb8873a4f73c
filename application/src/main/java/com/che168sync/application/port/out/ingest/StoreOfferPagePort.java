package com.che168sync.application.port.out.ingest;

import com.che168sync.application.port.out.source.ItemDefect;
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
     * <p>A listing is the unit of failure: an item whose data PostgreSQL refuses as sent is stored repaired (NUL
     * characters removed, unpaired surrogates replaced by U+FFFD) or, when even that fails, left out; either way it
     * is written to {@code ingest_quarantine} with its original bytes, together with the {@code defects} the source
     * reader found, in the same transaction. Only a failure of the database itself throws.
     *
     * @param defects the page's items the source reader could not take as sent (quarantined with the page)
     * @return how many rows were inserted (the rest were duplicates or quarantined) and what was quarantined
     */
    PageStored storePage(int page, List<SourceOffer> offers, List<ItemDefect> defects, Integer nextPage, Instant now);

    /** As {@link #storePage} for a page fetched again by {@code --refetch-failed}: marks it resolved, checkpoint untouched. */
    PageStored storeRefetchedPage(int page, List<SourceOffer> offers, List<ItemDefect> defects, Instant now);

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
