package com.che168sync.application.port.out.source;

/** Reads the full catalogue, page by page ({@code GET /offers?page=N}). One call = one request. */
public interface FetchOfferPagePort {
    /**
     * @throws SourceAuthException               bad key (final)
     * @throws SourceUnavailableException        5xx, 429, timeout, truncated body (worth retrying)
     * @throws SourceMalformedResponseException  a response that breaks the contract (missing meta, bad next_page)
     */
    OfferPage fetchOfferPage(int page);
}
