package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.LoadCheckpointPort;
import com.che168sync.application.port.out.ingest.SyncState;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.domain.offer.Listing;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The daily update (docs/rules.md#daily-update).
 *
 * <p>Days run in order from the day after {@code sync_state.last_successful_date} (no state yet: the day the initial
 * load started, else today) up to and including today; {@code --from} restarts the loop at a given day and
 * {@code --date} replays one day ({@link UpdateWindow}). A day D follows the feed from {@code /change_id?date=D} to
 * its end and commits {@code sync_state} with its last page ({@link ChangeDay}); per page, one read of the listings
 * concerned, the domain's {@code ChangeBatch} and one set-based write on the writer thread while the next page
 * downloads and is read ({@link ChangePages}, {@link WriteBehind}). A day that cannot be completed
 * (the retry policy gave up) is not marked: the run ends with errors and the next run starts from it. When the last
 * run ended inside the feed of a day (today's), the next one continues after the last applied change id, so changes
 * published later that day are not lost.
 */
public final class UpdateChangesService implements UpdateChangesUseCase {
    /** The advisory lock's name. */
    public static final String JOB_NAME = "update";
    private static final JobSpec JOB = new JobSpec(JOB_NAME, "update", OperationType.DATA_FETCH);

    private final ChangeStorePort store;
    private final LoadCheckpointPort checkpoints;
    private final ChangeDay days;
    private final OfferDetails offers;
    private final JobRunner runner;
    private final JobReporter reporter;
    private final IngestSettings settings;
    private final Clock clock;

    public UpdateChangesService(FetchChangesPort changes, FetchOfferDetailPort details, ChangeStorePort store,
            LoadCheckpointPort checkpoints, RetryPolicy retry, JobLockPort locks, OperationLogPort operations,
            JobReporter reporter, IngestSettings settings, Clock clock) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
        this.offers = new OfferDetails(details, store, retry, settings, reporter, clock);
        this.days = new ChangeDay(changes, new ChangePages(store, offers, reporter, settings.fetchUnknownListings(),
                clock), retry, reporter, settings, clock);
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public IngestResult update(UpdateChangesCommand command) {
        LocalDate today = LocalDate.now(clock.withZone(settings.feedZone()));
        LocalDate asked = command.date() != null ? command.date() : command.from();
        if (asked != null && asked.isAfter(today)) {
            String reason = (command.date() != null ? "--date " : "--from ") + asked + " is after today (" + today
                    + " in the feed's time zone " + settings.feedZone() + "): the feed has no changes for it yet."
                    + " Nothing was done.";
            reporter.error(reason, null);
            return new IngestResult.Refused(reason);
        }
        if (command.date() != null) {
            LocalDate due = nextDayDue(store.findSyncState());
            if (due != null && command.date().isAfter(due)) {
                String reason = "--date " + command.date() + " lies after " + (due.equals(command.date().minusDays(1))
                        ? "day " + due + ", which was" : "days " + due + " to " + command.date().minusDays(1)
                        + ", which were") + " never applied: replayed first, its events would make theirs look"
                        + " older than the listings they touch (each listing keeps the last change id it applied),"
                        + " and they would be skipped for good. Nothing was done. Run ./che168 update (applies "
                        + due + " to today in order) or ./che168 update --date " + due + " first.";
                reporter.error(reason, null);
                return new IngestResult.Refused(reason);
            }
        }
        return runner.run(JOB, new IngestJob(JOB.name(), counters -> run(command, counters)));
    }

    /** The day a plain run would apply first: after the last successful day, else the day the load started. */
    private LocalDate nextDayDue(Optional<SyncState> state) {
        return state.map(SyncState::lastSuccessfulDate).map(d -> d.plusDays(1))
                .orElseGet(() -> checkpoints.findCheckpoint().map(LoadCheckpoint::loadStartDate).orElse(null));
    }

    private String run(UpdateChangesCommand command, RunCounters counters) {
        LocalDate today = LocalDate.now(clock.withZone(settings.feedZone()));
        Optional<SyncState> state = store.findSyncState();
        UpdateWindow window = UpdateWindow.of(command, state, checkpoints::findCheckpoint, today);
        offers.startRun();
        if (settings.fetchUnknownListings()) {
            offers.completeIncomplete(counters);
        }
        if (window.isEmpty()) {
            String message = "Up to date: the last successful day is " + window.first().minusDays(1) + " (today is "
                    + today + "); nothing to do.";
            reporter.info(message);
            return message;
        }
        reporter.info("Applying the change feed for " + window + (command.date() != null ? " (one-day replay)" : ""));
        LocalDate due = nextDayDue(state);
        String skipped = null;
        if (command.from() != null && due != null && command.from().isAfter(due)) {
            skipped = "--from " + command.from() + " skips " + (due.equals(command.from().minusDays(1)) ? "day " + due
                    : "days " + due + " to " + command.from().minusDays(1)) + ", never applied: sync_state moves past"
                    + " them and their changes are missing from the mirror until ./che168 reconcile re-scans the"
                    + " catalogue (./che168 update --from " + due + " applies them instead)";
            reporter.warn(skipped);
        }
        Long lastChangeId = state.map(SyncState::lastChangeId).orElse(null);
        Long continueAfter = window.continueAfter();
        LocalDate completedUpTo = null;
        try (WriteBehind<Map<String, Listing>> writer = new WriteBehind<>("update-writer", 1)) {
            for (LocalDate day = window.first(); !day.isAfter(window.last()); day = day.plusDays(1)) {
                try {
                    lastChangeId = days.apply(day, day.isBefore(today), continueAfter, lastChangeId,
                            command.date() != null, counters, writer);
                    completedUpTo = day;
                } catch (RetriesExhaustedException | SourceException e) {
                    writer.awaitIdle();
                    String message = "day " + day + " not completed (the next run starts from it): "
                            + JobRunner.describe(e);
                    reporter.error(message, null);
                    counters.error(message);
                    break;
                } catch (ChangeDay.NotInFeed e) {
                    writer.awaitIdle();
                    if (!day.isBefore(today)) {
                        reporter.info("The feed has no changes for " + day + " yet (/change_id answered 0);"
                                + " nothing more to do now: the next run continues from there.");
                        break;
                    }
                    String message = "day " + day + " is no longer in the feed (/change_id?date=" + day
                            + " answered 0: the feed keeps a limited number of past days). Nothing was changed for"
                            + " it; sync_state stays " + state.map(SyncState::lastSuccessfulDate).map(String::valueOf)
                            .orElse("unset") + ". To go on: ./che168 update --from " + day.plusDays(1)
                            + " (skips " + day + "), then ./che168 reconcile to bring the listings that day changed"
                            + " back in step";
                    reporter.error(message, null);
                    counters.error(message);
                    break;
                }
                continueAfter = null;
            }
        }
        String headline = completedUpTo == null ? "no day completed"
                : "days " + window.first() + " to " + completedUpTo + " applied";
        if (command.date() != null && completedUpTo != null) {
            boolean moved = store.findSyncState().map(SyncState::lastSuccessfulDate)
                    .filter(command.date()::equals).isPresent();
            if (!moved) {
                String note = "sync_state stays " + state.map(SyncState::lastSuccessfulDate).map(String::valueOf)
                        .orElse("unset") + ": a replay (--date) moves it only onto the day right after it";
                reporter.info(note);
                headline += "; " + note;
            }
        }
        return skipped == null ? headline : headline + "; " + skipped;
    }
}
