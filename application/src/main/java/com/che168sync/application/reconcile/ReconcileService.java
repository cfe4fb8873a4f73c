package com.che168sync.application.reconcile;

import com.che168sync.application.job.JobOutcome;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRun;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.JobWork;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.in.reconcile.ReconcileCommand;
import com.che168sync.application.port.in.reconcile.ReconcileReport;
import com.che168sync.application.port.in.reconcile.ReconcileResult;
import com.che168sync.application.port.in.reconcile.ReconcileUseCase;
import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.port.out.reconcile.DriftCounts;
import com.che168sync.application.port.out.reconcile.ReconcileCheckpoint;
import com.che168sync.application.port.out.reconcile.ReconcileStorePort;
import com.che168sync.application.port.out.reconcile.RepairCounts;
import com.che168sync.application.port.out.source.CheckListingPort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.ListingCheck;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciliation: the mirror stays complete and current even when the change feed misses events.
 *
 * <ol>
 *   <li><b>Scan</b>: pages through {@code /offers} like the load (one request in flight, the same retry policy; page
 *       N is written while page N+1 downloads), into {@code reconcile_scan} with its own checkpoint, so a killed run
 *       resumes after the last stored page. What the scan saw stays in PostgreSQL, never in the heap.</li>
 *   <li><b>Compare</b>, in the database: in the catalogue but missing here (add), removed here (reactivate), other
 *       data (change); after a complete scan without failed pages also active here but absent (absent). A row the
 *       daily update wrote after the scan read it is newer than the scan and left alone.</li>
 *   <li><b>Safety valve</b>: a run that would write more than {@code maxChangeShare} of the active listings changes
 *       nothing and exits 1 (the scan is kept: {@code --force} repairs from it).</li>
 *   <li><b>Confirm</b> each absent listing with {@code /offer} (at most {@code confirmBudget} requests): gone (404 or
 *       {@code change_type removed}) is removed; alive stays (a listing that moved between pages while the scan ran)
 *       and takes {@code /offer}'s data when it differs; not checked stays as it is.</li>
 *   <li><b>Repair</b> set-based, in one transaction, holding the {@code load} and {@code update} locks so that no
 *       load or update writes at the same time.</li>
 * </ol>
 */
public final class ReconcileService implements ReconcileUseCase {
    /** The advisory lock of the whole run. */
    public static final String JOB_NAME = "reconcile";
    /** The locks the repair holds besides its own: the jobs that write raw_data. */
    public static final List<String> WRITER_LOCKS = List.of("load", "update");
    static final JobSpec JOB = new JobSpec(JOB_NAME, "reconcile", OperationType.RECONCILE);
    private static final int CONFIRM_BATCH = 100;

    private final FetchOfferPagePort pages;
    private final CheckListingPort listings;
    private final ReconcileStorePort store;
    private final RetryPolicy retry;
    private final JobLockPort locks;
    private final JobRunner runner;
    private final JobReporter reporter;
    private final ReconcileSettings settings;
    private final Clock clock;

    public ReconcileService(FetchOfferPagePort pages, CheckListingPort listings, ReconcileStorePort store,
            RetryPolicy retry, JobLockPort locks, OperationLogPort operations, JobReporter reporter,
            ReconcileSettings settings, Clock clock) {
        this.pages = pages;
        this.listings = listings;
        this.store = store;
        this.retry = retry;
        this.locks = locks;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public ReconcileResult reconcile(ReconcileCommand command) {
        return runner.run(JOB, new Run(command));
    }

    /** One run: its counts, and the job's side of the runner. */
    private final class Run implements JobWork<ReconcileResult> {
        private final ReconcileCommand command;
        private final List<String> errors = new ArrayList<>();
        private ReconcileCheckpoint checkpoint;
        private DriftCounts drift;
        private long removed;
        private long confirmedAlive;
        private long unconfirmed;
        private long failedPages;
        private boolean stoppedByValve;

        Run(ReconcileCommand command) {
            this.command = command;
        }

        @Override
        public ReconcileResult run(JobRun run) {
            checkpoint = scan();
            List<FailedPage> failed = store.failedScanPages();
            failedPages = failed.size();
            for (FailedPage f : failed) {
                errors.add("page " + f.page() + " of the scan given up after " + f.attempts() + " attempts: "
                        + f.lastError());
            }
            boolean complete = failed.isEmpty();
            if (!complete) {
                reporter.warn("The scan has " + failed.size() + " failed page(s): listings on them may be missing from"
                        + " it, so this run removes nothing");
            }
            drift = store.classify(checkpoint.startedAt(), complete);
            reporter.info(String.format(Locale.ROOT, "Drift: %,d to add, %,d to reactivate, %,d changed, %,d absent"
                            + " from the scan (to confirm with /offer), %,d newer here (the update wrote them after"
                            + " the scan read them) — of %,d active listings", drift.add(), drift.reactivate(),
                    drift.change(), drift.absent(), drift.newer(), drift.activeListings()));
            Optional<String> valve = valve();
            if (valve.isPresent()) {
                stoppedByValve = true;
                reporter.error(valve.get(), null);
                return new ReconcileResult.Stopped(report(null), valve.get());
            }
            confirmRemovals();
            RepairCounts repaired;
            List<JobLockPort.JobLock> held = new ArrayList<>();
            try {
                for (String writer : WRITER_LOCKS) {
                    Optional<JobLockPort.JobLock> lock = locks.tryLock(writer);
                    if (lock.isEmpty()) {
                        String reason = "a " + writer + " is running (its lock '" + writer + "' is held): the repair"
                                + " waits for no writer. The finished scan is kept; run reconcile again when the "
                                + writer + " is done, it goes straight to the repair";
                        reporter.error(reason, null);
                        return new ReconcileResult.Refused(reason);
                    }
                    held.add(lock.get());
                }
                repaired = store.repair(checkpoint.startedAt(), clock.instant());
            } finally {
                held.forEach(JobLockPort.JobLock::close);
            }
            return new ReconcileResult.Repaired(report(repaired), errors);
        }

        /** Starts, resumes or (a finished scan not repaired yet) reuses the scan; returns the finished checkpoint. */
        private ReconcileCheckpoint scan() {
            ReconcileCheckpoint cp = store.findReconcileCheckpoint().orElse(null);
            if (cp != null && !command.restart() && !cp.repaired() && store.countScanned() < cp.listingsScanned()) {
                reporter.warn("The stored scan lost rows (the database restarted after a crash: the scan is not"
                        + " WAL-logged); starting it over");
                cp = null;
            }
            if (command.restart() || cp == null || cp.repaired()) {
                cp = store.startScan(clock.instant());
                reporter.info("Starting a reconciliation scan of the whole catalogue from page 1");
            } else if (cp.scanFinished()) {
                reporter.info("The scan started " + cp.startedAt() + " is complete (" + cp.pagesScanned() + " pages, "
                        + cp.listingsScanned() + " listings): comparing and repairing from it");
                return cp;
            } else {
                reporter.info("Resuming the reconciliation scan at page " + cp.nextPage() + " (" + cp.pagesScanned()
                        + " pages, " + cp.listingsScanned() + " listings stored since " + cp.startedAt() + ")");
            }
            AtomicLong listed = new AtomicLong();
            Progress progress = new Progress(reporter, clock, Math.max(settings.estimatedTotal(), cp.listingsScanned()),
                    cp.listingsScanned(), settings.progressInterval(), "reconciliation scan");
            int page = cp.nextPage();
            try (WriteBehind<Void> writer = new WriteBehind<>("reconcile-writer", 1)) {
                while (true) {
                    final int p = page;
                    OfferPage fetched;
                    try {
                        reporter.detail("Scanning page " + p);
                        fetched = retry.call("page " + p, () -> pages.fetchOfferPage(p));
                    } catch (RetriesExhaustedException e) {
                        String error = JobRunner.describe(e.lastError());
                        reporter.error("page " + p + " of the scan given up after " + e.attempts() + " attempts: "
                                + error + "; going on with page " + (p + 1), null);
                        writer.submit(() -> store.recordFailedScanPage(p, e.attempts(), error, p + 1,
                                clock.instant()));
                        page = p + 1;
                        continue;
                    }
                    Integer next = fetched.nextPage();
                    writer.submit(() -> {
                        store.storeScanPage(p, fetched.offers(), next, clock.instant());
                        progress.tick(listed.addAndGet(fetched.offers().size()));
                    });
                    if (next == null) {
                        break;
                    }
                    page = next;
                }
            }
            progress.finish(listed.get(), true);
            return store.findReconcileCheckpoint().orElseThrow();
        }

        private Optional<String> valve() {
            long total = drift.total();
            double share = (double) total / Math.max(1, drift.activeListings());
            if (total == 0 || share <= settings.maxChangeShare()) {
                return Optional.empty();
            }
            String what = String.format(Locale.ROOT, "would write %,d of %,d active listings (%.2f %%: %,d added,"
                            + " %,d reactivated, %,d changed, up to %,d removed)", total, drift.activeListings(),
                    share * 100, drift.add(), drift.reactivate(), drift.change(), drift.absent());
            if (command.force()) {
                reporter.warn("The run " + what + ", over reconcile.max_change_share = "
                        + percent(settings.maxChangeShare()) + "; --force: repairing anyway");
                return Optional.empty();
            }
            return Optional.of("Safety valve: the run " + what + ", more than reconcile.max_change_share = "
                    + percent(settings.maxChangeShare()) + ". Nothing was changed. Check the source (an outage, a"
                    + " broken or partial catalogue?); to repair from this scan anyway, run `reconcile --force` (the"
                    + " scan is kept)");
        }

        /** Asks {@code /offer} about the absent listings, within the budget; records the answers in batches. */
        private void confirmRemovals() {
            if (drift.absent() == 0) {
                return;
            }
            int budget = settings.confirmBudget();
            int asked = 0;
            boolean sourceDown = false;
            while (asked < budget && !sourceDown) {
                List<String> batch = store.absentListings(Math.min(CONFIRM_BATCH, budget - asked));
                if (batch.isEmpty()) {
                    break;
                }
                List<String> gone = new ArrayList<>();
                Map<String, String> alive = new LinkedHashMap<>();
                List<String> notChecked = new ArrayList<>();
                for (String innerId : batch) {
                    if (sourceDown) {
                        notChecked.add(innerId);
                        continue;
                    }
                    asked++;
                    try {
                        switch (retry.call("/offer?inner_id=" + innerId, () -> listings.checkListing(innerId))) {
                            case ListingCheck.Gone g -> gone.add(innerId);
                            case ListingCheck.Alive a -> alive.put(innerId, a.dataJson());
                        }
                    } catch (RetriesExhaustedException e) {
                        String message = "confirming removals stopped: /offer?inner_id=" + innerId + " failed after "
                                + e.attempts() + " attempts: " + JobRunner.describe(e.lastError())
                                + "; the listings not checked stay active";
                        reporter.error(message, null);
                        errors.add(message);
                        notChecked.add(innerId);
                        sourceDown = true;
                    }
                }
                store.recordConfirmations(gone, alive, notChecked, clock.instant());
                removed += gone.size();
                confirmedAlive += alive.size();
                unconfirmed += notChecked.size();
            }
            long left = drift.absent() - removed - confirmedAlive - unconfirmed;
            if (left > 0) {
                reporter.warn(String.format(Locale.ROOT, "%,d absent listing(s) not checked: the budget of %,d /offer"
                        + " requests (reconcile.confirm_budget) is spent; they stay active until the next run", left,
                        budget));
                unconfirmed += left;
            }
            reporter.info(String.format(Locale.ROOT, "Removals confirmed by /offer: %,d gone, %,d alive (moved while"
                    + " the scan ran), %,d not checked", removed, confirmedAlive, unconfirmed));
        }

        private ReconcileReport report(RepairCounts repaired) {
            ReconcileCheckpoint cp = checkpoint;
            long pagesScanned = cp == null ? 0 : cp.pagesScanned();
            long scanned = cp == null ? 0 : cp.listingsScanned();
            DriftCounts d = drift;
            long newer = d == null ? 0 : d.newer();
            if (repaired == null) {
                return new ReconcileReport(pagesScanned, failedPages, scanned, 0, 0, 0, 0, 0, 0, newer,
                        stoppedByValve ? d.total() : 0);
            }
            return new ReconcileReport(pagesScanned, failedPages, scanned, repaired.added(), repaired.reactivated(),
                    repaired.changed(), repaired.removed(), confirmedAlive, unconfirmed, newer, 0);
        }

        @Override
        public ReconcileResult stopped(String reason, JobRun run) {
            return new ReconcileResult.Stopped(report(null), reason);
        }

        @Override
        public ReconcileResult refused(String reason) {
            return new ReconcileResult.Refused(reason);
        }

        @Override
        public JobOutcome outcome(ReconcileResult result, JobRun run) {
            return switch (result) {
                case ReconcileResult.Repaired r -> {
                    boolean ok = r.errors().isEmpty();
                    String summary = r.report().summary();
                    yield new JobOutcome(ok, run.finishedLine(ok, summary),
                            ok ? summary : summary + "; errors: " + String.join(" | ", r.errors()), r.report().asMap());
                }
                case ReconcileResult.Stopped s -> new JobOutcome(false, run.finishedLine(false, s.report().summary()),
                        s.reason() + "; " + s.report().summary(), s.report().asMap());
                case ReconcileResult.Refused f -> new JobOutcome(false, run.finishedLine(false, f.reason()),
                        f.reason(), Map.of());
            };
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
