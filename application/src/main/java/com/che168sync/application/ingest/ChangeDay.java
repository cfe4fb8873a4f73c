package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.domain.offer.Listing;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One day of the change feed: starts at {@code /change_id?date=D} (or after the last change applied, when the last
 * run stopped inside the day) and follows {@code next_change_id} until the feed ends (null/0 or an empty page) or,
 * for a day before today, until the first change of D+1. The day's last page commits together with
 * {@code sync_state} ({@code last_successful_date = D}, {@code last_change_id}).
 */
final class ChangeDay {
    private final FetchChangesPort changes;
    private final ChangePages pages;
    private final RetryPolicy retry;
    private final JobReporter reporter;
    private final IngestSettings settings;
    private final Clock clock;

    ChangeDay(FetchChangesPort changes, ChangePages pages, RetryPolicy retry, JobReporter reporter,
            IngestSettings settings, Clock clock) {
        this.changes = changes;
        this.pages = pages;
        this.retry = retry;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Applies {@code day}; {@code bounded}: a day before today, which ends where the next one begins. Returns the last
     * change id applied (or {@code previousLastId} when the day had no events).
     */
    Long apply(LocalDate day, boolean bounded, Long continueAfter, Long previousLastId, boolean replay,
            RunCounters counters, WriteBehind<Map<String, Listing>> writer) {
        long firstId = retry.call("first change id of " + day, () -> changes.firstChangeId(day));
        if (firstId == 0) {
            throw new NotInFeed();
        }
        LocalDate next = day.plusDays(1);
        Long nextFirst = bounded ? retry.call("first change id of " + next, () -> changes.firstChangeId(next)) : null;
        // 0: the next day has not begun in the feed, so this one runs to the feed's end
        Long bound = nextFirst == null || nextFirst == 0 ? null : nextFirst;
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
            ChangePage page = retry.call("changes from " + c, () -> readToTheEnd(changes.fetchChanges(c), bound));
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
            pages.apply(kept, defects, completed, counters, writer, () -> progress.tick(doneSoFar));
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

    /** The feed has no change id for a day (it answered 0 or nothing): not begun yet, or past its retention. */
    static final class NotInFeed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInFeed() {
            super(null, null, false, false);
        }
    }

    /**
     * A past day is read to its end: a feed that ends (empty page, no next_change_id) before the next day's first
     * change id has not served all of the day yet (a lagging replica, a cut answer), so it is a fault to retry, not
     * the day's end.
     */
    private static ChangePage readToTheEnd(ChangePage page, Long dayEnd) {
        if (dayEnd == null || !page.isEnd()) {
            return page;
        }
        long reached = page.changeId();
        for (SourceChange e : page.changes()) {
            reached = Math.max(reached, e.id() + 1);
        }
        for (ItemDefect d : page.defects()) {
            if (d.changeId() != null) {
                reached = Math.max(reached, d.changeId() + 1);
            }
        }
        if (reached < dayEnd) {
            throw new SourceUnavailableException("/changes?change_id=" + page.changeId() + ": the feed ended at change"
                    + " id " + reached + ", before the next day's first change id " + dayEnd + " (a past day must be"
                    + " read to its end)", null);
        }
        return page;
    }
}
