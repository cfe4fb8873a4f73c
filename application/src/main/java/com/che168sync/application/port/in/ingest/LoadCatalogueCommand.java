package com.che168sync.application.port.in.ingest;

/**
 * What {@code load} is asked to do.
 *
 * @param maxPages      stop after this many pages in this run (test runs); null = until the last page
 * @param restart       forget the checkpoint (and the failed pages) and load from page 1 again
 * @param refetchFailed instead of paging on, fetch again the pages an earlier run gave up on
 */
public record LoadCatalogueCommand(Integer maxPages, boolean restart, boolean refetchFailed) {
    public LoadCatalogueCommand {
        if (maxPages != null && maxPages < 1) {
            throw new IllegalArgumentException("--max-pages must be at least 1, got " + maxPages);
        }
        if (restart && refetchFailed) {
            throw new IllegalArgumentException("--restart and --refetch-failed cannot be combined");
        }
    }

    /** Resume (or start) the load, all pages. */
    public static LoadCatalogueCommand resume() {
        return new LoadCatalogueCommand(null, false, false);
    }
}
