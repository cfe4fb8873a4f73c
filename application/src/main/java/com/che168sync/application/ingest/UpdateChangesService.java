package com.che168sync.application.ingest;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.LoadCheckpointPort;
import com.che168sync.application.port.out.ingest.SyncState;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.retry.RetriesExhaustedException;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.domain.offer.ChangeBatch;
import com.che168sync.domain.offer.ChangeEvent;
import com.che168sync.domain.offer.Listing;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daily update (docs/rules.md#daily-update).
 *
 * <p>Days run in order from the day after {@code sync_state.last_successful_date} (no state yet: the day the initial
 * load started, else today) up to and including today; {@code --from} restarts the loop at a given day and
 * {@code --date} replays one day. A day D starts at {@code /change_id?date=D} and follows {@code next_change_id}
 * until the feed ends (null/0 or an empty page) or, for a day before today, until the first change of D+1. Per page:
 * one read of the listings concerned, the domain's {@link ChangeBatch} (rules, merge, replay guard, id order), one
 * set-based write, on the writer thread while the next page downloads and is read (see {@link WriteBehind}). The day's last page commits together with
 * {@code sync_state} ({@code last_successful_date = D}, {@code last_change_id}). A {@code changed} event for an
 * unknown listing first fetches the full listing with {@code /offer} (configurable). A day that cannot be completed
 * (the retry policy gave up) is not marked: the run ends with errors and the next run starts from it. When the last
 * run ended inside the feed of a day (today's), the next one continues after the last applied change id, so changes
 * published later that day are not lost.
 */
public final class UpdateChangesService implements UpdateChangesUseCase {
    /** The advisory lock's name. */
    public static final String JOB_NAME = "update";
    private static final JobSpec JOB = new JobSpec(JOB_NAME, "update", OperationType.DATA_FETCH);

    private final FetchChangesPort changes;
    private final FetchOfferDetailPort details;
    private final ChangeStorePort store;
    private final LoadCheckpointPort checkpoints;
    private final RetryPolicy retry;
    private final JobRunner runner;
    private final JobReporter reporter;
    private final IngestSettings settings;
    private final Clock clock;

    public UpdateChangesService(FetchChangesPort changes, FetchOfferDetailPort details, ChangeStorePort store,
            LoadCheckpointPort checkpoints, RetryPolicy retry, JobLockPort locks, OperationLogPort operations,
            JobReporter reporter, IngestSettings settings, Clock clock) {
        this.changes = changes;
        this.details = details;
        this.store = store;
        this.checkpoints = checkpoints;
        this.retry = retry;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public IngestResult update(UpdateChangesCommand command) {
        return runner.run(JOB, new IngestJob(JOB.name(), counters -> run(command, counters)));
    }

    private String run(UpdateChangesCommand command, RunCounters counters) {
        LocalDate today = LocalDate.now(clock.withZone(settings.feedZone()));
        Optional<SyncState> state = store.findSyncState();
        LocalDate first;
        LocalDate last;
        Long continueAfter = null;
        if (command.date() != null) {
            first = command.date();
            last = command.date();
        } else if (command.from() != null) {
            first = command.from();
            last = today.isBefore(first) ? first : today;
        } else if (state.isPresent() && state.get().lastSuccessfulDate() != null) {
            first = state.get().lastSuccessfulDate().plusDays(1);
            last = today;
            continueAfter = state.get().lastChangeId();
        } else {
            first = checkpoints.findCheckpoint().map(LoadCheckpoint::loadStartDate).orElse(today);
            last = today;
        }
        if (first.isAfter(last)) {
            String message = "Up to date: the last successful day is " + first.minusDays(1) + " (today is " + today
                    + "); nothing to do.";
            reporter.info(message);
            return message;
        }
        if (command.maxDates() != null && first.plusDays(command.maxDates() - 1L).isBefore(last)) {
            last = first.plusDays(command.maxDates() - 1L);
        }
        reporter.info("Applying the change feed for " + (first.equals(last) ? "day " + first : "days " + first
                + " to " + last) + (command.date() != null ? " (one-day replay)" : ""));
        Long lastChangeId = state.map(SyncState::lastChangeId).orElse(null);
        LocalDate completedUpTo = null;
        try (WriteBehind<Map<String, Listing>> writer = new WriteBehind<>("update-writer", 1)) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                try {
                    lastChangeId = applyDay(day, day.isBefore(today), continueAfter, lastChangeId,
                            command.date() != null, counters, writer);
                    completedUpTo = day;
                } catch (RetriesExhaustedException | SourceException e) {
                    writer.awaitIdle();
                    String message = "day " + day + " not completed (the next run starts from it): "
                            + JobRunner.describe(e);
                    reporter.error(message, null);
                    counters.error(message);
                    break;
                }
                continueAfter = null;
            }
        }
        return completedUpTo == null ? "no day completed" : "days " + first + " to " + completedUpTo + " applied";
    }

    /** Applies one day; returns the last change id applied (or the previous one when the day had no events). */
    private Long applyDay(LocalDate day, boolean bounded, Long continueAfter, Long previousLastId, boolean replay,
            RunCounters counters, WriteBehind<Map<String, Listing>> writer) {
        long firstId = retry.call("first change id of " + day, () -> changes.firstChangeId(day));
        LocalDate next = day.plusDays(1);
        Long bound = bounded ? retry.call("first change id of " + next, () -> changes.firstChangeId(next)) : null;
        long cursor = firstId;
        if (continueAfter != null && continueAfter + 1 < firstId) {
            cursor = continueAfter + 1;
            reporter.info("Day " + day + ": continuing the feed after the last applied change " + continueAfter
                    + " (day " + day + " begins at " + firstId + ")");
        }
        Long lastId = previousLastId;
        long events = 0;
        // change ids grow through the feed: a past day holds at most (first id of D+1 - cursor) events
        long estimate = bound == null ? IngestSettings.TYPICAL_DAY_CHANGES : Math.max(1, bound - cursor);
        Progress progress = new Progress(reporter, clock, estimate, true, 0, settings.progressInterval(), "day " + day);
        while (true) {
            long c = cursor;
            ChangePage page = retry.call("changes from " + c, () -> changes.fetchChanges(c));
            List<SourceChange> kept = bound == null ? page.changes()
                    : page.changes().stream().filter(e -> e.id() < bound).toList();
            List<ItemDefect> defects = bound == null ? page.defects() : page.defects().stream()
                    .filter(d -> d.changeId() == null || d.changeId() < bound).toList();
            boolean end = page.isEnd() || kept.size() < page.changes().size()
                    || defects.size() < page.defects().size();
            for (SourceChange e : kept) {
                lastId = lastId == null ? e.id() : Math.max(lastId, e.id());
            }
            for (ItemDefect d : defects) {
                if (d.changeId() != null) {
                    lastId = lastId == null ? d.changeId() : Math.max(lastId, d.changeId());
                }
            }
            events += kept.size();
            DayCompleted completed = end ? new DayCompleted(day, lastId, replay) : null;
            long doneSoFar = events;
            applyPage(kept, defects, completed, counters, writer, () -> progress.tick(doneSoFar));
            if (end) {
                break;
            }
            cursor = page.nextChangeId();
        }
        writer.awaitIdle();
        progress.finish(events, true);
        reporter.info("Day " + day + " applied: " + events + " change(s)" + (lastId == null ? ""
                : ", last change id " + lastId) + " | so far " + counters.stats().counts());
        return lastId;
    }

    /** Hands the page's write to the writer; {@code afterCommit} runs on the writer once the page is stored. */
    private void applyPage(List<SourceChange> page, List<ItemDefect> sourceDefects, DayCompleted completed,
            RunCounters counters, WriteBehind<Map<String, Listing>> writer, Runnable afterCommit) {
        List<ChangeEvent> events = new ArrayList<>(page.size());
        List<ItemDefect> defects = new ArrayList<>(sourceDefects);
        for (SourceChange c : page) {
            try {
                events.add(ChangeEvent.of(c.id(), c.innerId(), c.changeType(), c.createdAt(), c.data()));
            } catch (IllegalArgumentException e) {
                defects.add(ItemDefect.of(c.id(), c.innerId(), e.getMessage() + "; left out", false, (String) null));
            }
        }
        if (events.isEmpty()) {
            if (completed != null || !defects.isEmpty()) {
                writer.submit(() -> {
                    reportQuarantined(store.storeChanges(List.of(), defects, completed, clock.instant()), counters);
                    if (completed == null) {
                        return;
                    }
                    counters.day();
                    afterCommit.run();
                });
            }
            return;
        }
        events.sort(Comparator.comparingLong(ChangeEvent::id));
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.innerId()));
        Map<String, Listing> current = asCommitted(store.findListings(ids), ids, writer.inFlight());
        if (settings.fetchUnknownListings()) {
            events = withFullListings(events, current);
        }
        ChangeBatch.Result result = ChangeBatch.apply(current, events);
        int size = events.size();
        writer.submit(result.written(), () -> {
            reportQuarantined(store.storeChanges(result.written().values(), defects, completed, clock.instant()),
                    counters);
            counters.page(0, result.created(), result.updated(), result.unchanged(), result.skipped(), size);
            result.lastEventId().ifPresent(counters::changeApplied);
            if (completed != null) {
                counters.day();
            }
            afterCommit.run();
        });
    }

    /** Every quarantined event or listing is an error of the run, named in the log and in operations_log.details. */
    private void reportQuarantined(List<ItemDefect> quarantined, RunCounters counters) {
        for (ItemDefect d : quarantined) {
            String message = d.subject() + (d.stored() ? " stored repaired" : " not applied")
                    + ", kept in ingest_quarantine: " + d.reason();
            reporter.error(message, null);
            counters.error(message);
        }
    }

    /** Attaches {@code /offer}'s full listing to each {@code changed} event of a listing unknown at that point. */
    private List<ChangeEvent> withFullListings(List<ChangeEvent> events, Map<String, Listing> current) {
        Set<String> known = new HashSet<>(current.keySet());
        List<ChangeEvent> result = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            if (e instanceof ChangeEvent.Changed changed && !known.contains(e.innerId())) {
                String id = e.innerId();
                try {
                    Optional<Map<String, Object>> listing = retry.call("listing " + id, () -> details.fetchOffer(id));
                    if (listing.isPresent()) {
                        e = changed.withFullListing(listing.get());
                    } else {
                        reporter.warn("change " + e.id() + ": listing " + id + " is unknown here and /offer does not"
                                + " know it either; created from the event's fields only");
                    }
                } catch (RetriesExhaustedException ex) {
                    reporter.warn("change " + e.id() + ": could not fetch unknown listing " + id + " ("
                            + JobRunner.describe(ex) + "); created from the event's fields only");
                }
            }
            known.add(e.innerId());
            result.add(e);
        }
        return result;
    }

    /**
     * The listings as they stand once the pages still being written have committed. The read of page N+1 runs while
     * page N commits: the database may not show page N's rows yet, so those are taken from page N's result, which is
     * exactly what its transaction writes. If page N's write fails, the next hand-off rethrows the failure and page
     * N+1 is never written.
     */
    private static Map<String, Listing> asCommitted(Map<String, Listing> read, Set<String> ids,
            List<Map<String, Listing>> inFlight) {
        if (inFlight.isEmpty()) {
            return read;
        }
        Map<String, Listing> merged = new HashMap<>(read);
        for (Map<String, Listing> written : inFlight) {
            for (String id : ids) {
                Listing listing = written.get(id);
                if (listing != null) {
                    merged.put(id, listing);
                }
            }
        }
        return merged;
    }
}
