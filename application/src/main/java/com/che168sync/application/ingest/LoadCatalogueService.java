package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import com.che168sync.application.port.in.ingest.LoadCatalogueUseCase;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.LoadCheckpointPort;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.ingest.StoreOfferPagePort;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The initial load (docs/rules.md#initial-load).
 *
 * <p>Pages through {@code /offers} from the checkpoint's next page, following {@code next_page} until the source
 * says there is none. Exactly one request is in flight to the source; the database work of page N runs on a writer
 * thread while page N+1 downloads ({@link WriteBehind}). Every page commits together with its checkpoint, so after a
 * crash or kill the next run resumes after the last stored page, never skipping or storing one twice. A page that
 * still fails after the retry policy (20 × 12 min) is recorded in {@code load_failed_pages} (with the checkpoint
 * moving past it, in one transaction), counted as an error, and the load goes on; {@code --refetch-failed} fetches
 * those pages again later. The day the load started is kept in the checkpoint: the first daily update starts there.
 */
public final class LoadCatalogueService implements LoadCatalogueUseCase {
    /** The advisory lock's name. */
    public static final String JOB_NAME = "load";
    private static final JobSpec JOB = new JobSpec(JOB_NAME, "load", OperationType.INITIAL_LOAD);

    private final FetchOfferPagePort source;
    private final LoadCheckpointPort checkpoints;
    private final StoreOfferPagePort pages;
    private final RetryPolicy retry;
    private final RefetchFailedPages refetch;
    private final JobRunner runner;
    private final JobReporter reporter;
    private final IngestSettings settings;
    private final Clock clock;

    public LoadCatalogueService(FetchOfferPagePort source, LoadCheckpointPort checkpoints, StoreOfferPagePort pages,
            RetryPolicy retry, JobLockPort locks, OperationLogPort operations, JobReporter reporter,
            IngestSettings settings, Clock clock) {
        this.source = source;
        this.checkpoints = checkpoints;
        this.pages = pages;
        this.retry = retry;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
        this.refetch = new RefetchFailedPages(source, pages, retry, reporter, clock);
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public IngestResult load(LoadCatalogueCommand command) {
        return runner.run(JOB, new IngestJob(JOB.name(),
                counters -> command.refetchFailed() ? refetch.run(counters) : loadPages(command, counters)));
    }

    private String loadPages(LoadCatalogueCommand command, RunCounters counters) {
        LoadCheckpoint checkpoint = checkpoints.findCheckpoint().orElse(null);
        if (command.restart() || checkpoint == null) {
            checkpoint = checkpoints.startCheckpoint(LocalDate.now(clock.withZone(settings.feedZone())), clock.instant());
            reporter.info("Starting the initial load from page 1 (load start date " + checkpoint.loadStartDate()
                    + ": the first daily update begins there)");
        } else if (checkpoint.finished()) {
            String message = "The initial load is already complete (" + checkpoint.pagesLoaded() + " pages, last page "
                    + checkpoint.lastPage() + "); nothing to do. Use --restart to load everything again"
                    + " or --refetch-failed for pages that failed.";
            reporter.info(message);
            return message;
        } else {
            reporter.info("Resuming the initial load at page " + checkpoint.nextPage() + " (" + checkpoint.pagesLoaded()
                    + " pages stored since " + checkpoint.loadStartDate() + ")");
        }
        // a resumed load has stored about as many listings as raw_data holds; a new one starts from nothing
        long alreadyStored = checkpoint.pagesLoaded() == 0 ? 0 : pages.countListings();
        Progress progress = new Progress(reporter, clock, settings.estimatedTotal(), true, alreadyStored,
                settings.progressInterval(), null);
        int page = checkpoint.nextPage();
        int pagesThisRun = 0;
        boolean lastPageSeen = false;
        try (WriteBehind<Void> writer = new WriteBehind<>("load-writer", 1)) {
            while (command.maxPages() == null || pagesThisRun < command.maxPages()) {
                final int p = page;
                pagesThisRun++;
                OfferPage fetched;
                try {
                    reporter.detail("Starting page " + p + " loading");
                    fetched = retry.call("page " + p, () -> source.fetchOfferPage(p));
                } catch (RetriesExhaustedException e) {
                    String message = "page " + p + " given up after " + e.attempts() + " attempts, recorded for"
                            + " `load --refetch-failed`: " + JobRunner.describe(e.lastError());
                    reporter.error(message + "; going on with page " + (p + 1), null);
                    counters.error(message);
                    counters.failedPage(p);
                    writer.submit(() -> pages.recordFailedPage(p, e.attempts(), JobRunner.describe(e.lastError()),
                            p + 1, clock.instant()));
                    page = p + 1;
                    continue;
                }
                List<SourceOffer> offers = StoredPages.storable(fetched.offers(), reporter);
                Integer next = fetched.nextPage();
                writer.submit(() -> {
                    PageStored stored = pages.storePage(p, offers, fetched.defects(), next, clock.instant());
                    StoredPages.count(p, offers.size(), stored, counters, reporter);
                    progress.tick(counters.records());
                });
                if (next == null) {
                    lastPageSeen = true;
                    break;
                }
                page = next;
            }
        }
        progress.finish(counters.records(), lastPageSeen);
        if (lastPageSeen) {
            return "initial load complete: last page " + counters.stats().lastPage();
        }
        return "stopped after " + pagesThisRun + " page(s) (--max-pages); the next run resumes at page " + page;
    }
}
