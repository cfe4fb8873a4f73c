package com.che168sync.application.port.out.source;

/**
 * Asks the source whether one listing is still on the site ({@code GET /offer?inner_id=}), to confirm a removal a
 * catalogue scan suggests: a listing absent from a scan may only have moved between pages while the scan ran.
 */
public interface CheckListingPort {
    /**
     * @return {@link ListingCheck.Gone} on a 404 or an answer saying the listing was removed, else
     *         {@link ListingCheck.Alive} with its current data
     * @throws SourceAuthException         bad key (final)
     * @throws SourceUnavailableException  5xx, 429, timeout, truncated body (worth retrying)
     */
    ListingCheck checkListing(String innerId);
}
