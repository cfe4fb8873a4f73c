package com.che168sync.application.ingest;

import com.che168sync.application.job.Durations;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.domain.offer.Listing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /offer} fetches of one update run: their own short retry policy ({@code update.detail_attempts} ×
 * {@code update.detail_interval}: a listing is not worth the pages' hours) and a total time budget per run
 * ({@code update.detail_budget}). A 401/403 is final and, like a used-up budget, ends every further detail fetch of
 * the run. A listing that could not be fetched is stored from its event alone and marked incomplete; the next run
 * completes it first ({@link #completeIncomplete}).
 */
final class OfferDetails {
    private final FetchOfferDetailPort details;
    private final ChangeStorePort store;
    private final RetryPolicy policy;
    private final Duration budget;
    private final JobReporter reporter;
    private final Clock clock;
    private Duration spent = Duration.ZERO;
    private String stopped;
    private String lastFailure;

    OfferDetails(FetchOfferDetailPort details, ChangeStorePort store, RetryPolicy retry, IngestSettings settings,
            JobReporter reporter, Clock clock) {
        this.details = details;
        this.store = store;
        this.policy = retry.withSettings(settings.detailRetry());
        this.budget = settings.detailBudget();
        this.reporter = reporter;
        this.clock = clock;
    }

    /** A new run: the whole budget again. */
    synchronized void startRun() {
        spent = Duration.ZERO;
        stopped = null;
        lastFailure = null;
    }

    /**
     * The listing; empty on a 404 (not proof of removal, and nothing to complete); null when it could not be
     * fetched, then {@link #lastFailure()} says why.
     */
    synchronized Optional<Map<String, Object>> fetch(String innerId) {
        if (stopped == null && spent.compareTo(budget) >= 0) {
            stopped = "the run's budget for /offer fetches (update.detail_budget = " + Durations.human(budget)
                    + ") is used up";
            reporter.error("/offer fetches stop for this run: " + stopped, null);
        }
        if (stopped != null) {
            lastFailure = stopped;
            return null;
        }
        Instant started = clock.instant();
        try {
            return policy.call("listing " + innerId, () -> details.fetchOffer(innerId));
        } catch (RetriesExhaustedException e) {
            lastFailure = "/offer failed: " + JobRunner.describe(e);
        } catch (SourceAuthException e) {
            stopped = "/offer refused the key (" + JobRunner.describe(e) + ")";
            reporter.error("/offer fetches stop for this run: " + stopped, null);
            lastFailure = stopped;
        } catch (SourceException e) {
            lastFailure = "/offer failed: " + JobRunner.describe(e);
        } finally {
            spent = spent.plus(Duration.between(started, clock.instant()));
        }
        return null;
    }

    synchronized String lastFailure() {
        return lastFailure;
    }

    /**
     * Completes the listings earlier runs stored from an event alone: {@code /offer}'s data with the stored fields on
     * top (the events applied since), stored in one transaction with the mark's removal; within the run's budget. A
     * listing still not fetched is an error of the run and stays marked.
     */
    void completeIncomplete(RunCounters counters) {
        List<IncompleteListing> marked = store.findIncomplete(1_000);
        if (marked.isEmpty()) {
            return;
        }
        reporter.info("Completing " + marked.size() + " listing(s) stored from a change event alone");
        int completed = 0;
        for (IncompleteListing m : marked) {
            Listing stored = store.findListings(List.of(m.innerId())).get(m.innerId());
            Optional<Map<String, Object>> listing = stored == null ? Optional.empty() : fetch(m.innerId());
            if (listing == null) {
                String message = "listing " + m.innerId() + " is still incomplete (attempt " + (m.attempts() + 1)
                        + "): " + lastFailure();
                reporter.error(message, null);
                counters.error(message);
                store.completeListing(m.innerId(), null, lastFailure(), clock.instant());
                continue;
            }
            Listing whole = null;
            if (listing.isPresent()) {
                Map<String, Object> data = new LinkedHashMap<>(listing.get());
                data.putAll(stored.data());
                whole = new Listing(stored.innerId(), stored.apiId(), stored.changeType(), stored.createdAt(), data,
                        stored.active(), stored.source(), stored.lastChangeId());
                completed++;
            }
            // nothing to complete (the listing is gone here, or /offer answers 404): the mark goes
            store.completeListing(m.innerId(), whole, null, clock.instant());
        }
        reporter.info("Completed " + completed + " of " + marked.size() + " incomplete listing(s)");
    }
}
