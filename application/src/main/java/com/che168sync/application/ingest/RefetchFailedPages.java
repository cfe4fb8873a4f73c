package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.ingest.StoreOfferPagePort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import java.time.Clock;
import java.util.List;

/** {@code load --refetch-failed}: the pages an earlier load gave up on, fetched and stored again. */
final class RefetchFailedPages {
    private final FetchOfferPagePort source;
    private final StoreOfferPagePort pages;
    private final RetryPolicy retry;
    private final JobReporter reporter;
    private final Clock clock;

    RefetchFailedPages(FetchOfferPagePort source, StoreOfferPagePort pages, RetryPolicy retry, JobReporter reporter,
            Clock clock) {
        this.source = source;
        this.pages = pages;
        this.retry = retry;
        this.reporter = reporter;
        this.clock = clock;
    }

    String run(RunCounters counters) {
        List<FailedPage> failed = pages.unresolvedFailedPages();
        if (failed.isEmpty()) {
            String message = "No failed pages to fetch again.";
            reporter.info(message);
            return message;
        }
        reporter.info("Fetching again " + failed.size() + " page(s) the load gave up on: "
                + failed.stream().map(FailedPage::page).toList());
        int stored = 0;
        for (FailedPage f : failed) {
            int p = f.page();
            try {
                OfferPage fetched = retry.call("page " + p, () -> source.fetchOfferPage(p));
                List<SourceOffer> offers = StoredPages.storable(fetched.offers(), reporter);
                PageStored written = pages.storeRefetchedPage(p, offers, fetched.defects(), clock.instant());
                StoredPages.count(p, offers.size(), written, counters, reporter);
                stored++;
            } catch (RetriesExhaustedException e) {
                String message = "page " + p + " failed again after " + e.attempts() + " attempts: "
                        + JobRunner.describe(e.lastError());
                reporter.error(message, null);
                counters.error(message);
                counters.failedPage(p);
                pages.recordFailedPage(p, f.attempts() + e.attempts(), JobRunner.describe(e.lastError()), null,
                        clock.instant());
            }
        }
        return "refetched " + stored + " of " + failed.size() + " failed page(s)";
    }
}
