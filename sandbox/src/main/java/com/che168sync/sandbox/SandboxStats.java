package com.che168sync.sandbox;

/**
 * What a running sandbox has served since it started (feed requests only).
 *
 * @param requests      feed requests received (with a valid key)
 * @param unauthorized  requests refused with 401
 * @param errors        500/502 answers injected
 * @param rateLimited   429 answers injected
 * @param stalled       requests held past the stall time
 * @param truncated     200 answers with a cut body
 * @param brokenMeta    answers with a broken {@code meta}
 * @param offersPages   {@code /offers} pages served correctly (including pages past the last one)
 * @param changesPages  {@code /changes} pages served correctly
 * @param offerErrors   {@code /offer} requests answered 503 ({@link SandboxFaults#offerErrorRate()})
 * @param poisoned      items, events and {@code /offer} answers served with poison ({@link FeedDirt#poisonRate()})
 */
public record SandboxStats(long requests, long unauthorized, long errors, long rateLimited, long stalled,
                           long truncated, long brokenMeta, long offersPages, long changesPages, long offerErrors,
                           long poisoned) {

    /** All injected failures (poison is not a failure of the request). */
    public long faults() {
        return errors + rateLimited + stalled + truncated + brokenMeta + offerErrors;
    }
}
