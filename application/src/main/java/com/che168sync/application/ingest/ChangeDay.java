package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.Progress;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
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
}
