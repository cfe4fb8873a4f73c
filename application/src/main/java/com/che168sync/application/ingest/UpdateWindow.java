package com.che168sync.application.ingest;

import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.SyncState;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The days one update run applies: from the day after {@code sync_state.last_successful_date} (no state yet: the day
 * the initial load started, else today) up to today; {@code --from} restarts at a given day, {@code --date} replays
 * one day, {@code --max-dates} caps the count.
 *
 * @param first         the first day
 * @param last          the last day (before {@code first}: nothing to do)
 * @param continueAfter the last change id applied, when the last run may have stopped inside the feed of a day
 *                      (today's): the first day continues after it; else null
 */
record UpdateWindow(LocalDate first, LocalDate last, Long continueAfter) {
    static UpdateWindow of(UpdateChangesCommand command, Optional<SyncState> state,
            Supplier<Optional<LoadCheckpoint>> checkpoint, LocalDate today) {
        UpdateWindow window;
        if (command.date() != null) {
            window = new UpdateWindow(command.date(), command.date(), null);
        } else if (command.from() != null) {
            window = new UpdateWindow(command.from(), today.isBefore(command.from()) ? command.from() : today, null);
        } else if (state.isPresent() && state.get().lastSuccessfulDate() != null) {
            window = new UpdateWindow(state.get().lastSuccessfulDate().plusDays(1), today, state.get().lastChangeId());
        } else {
            window = new UpdateWindow(checkpoint.get().map(LoadCheckpoint::loadStartDate).orElse(today), today, null);
        }
        if (!window.isEmpty() && command.maxDates() != null
                && window.first.plusDays(command.maxDates() - 1L).isBefore(window.last)) {
            window = new UpdateWindow(window.first, window.first.plusDays(command.maxDates() - 1L),
                    window.continueAfter);
        }
        return window;
    }

    boolean isEmpty() {
        return first.isAfter(last);
    }

    @Override
    public String toString() {
        return first.equals(last) ? "day " + first : "days " + first + " to " + last;
    }
}
