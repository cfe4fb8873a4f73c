package com.che168sync.application.port.in.ingest;

import java.time.LocalDate;

/**
 * What {@code update} is asked to do.
 *
 * @param maxDates process at most this many days in this run; null = every day up to today
 * @param date     process exactly this one day (a replay; the sync state never moves backwards for it)
 * @param from     restart the day loop at this day (instead of the day after the last successful one)
 */
public record UpdateChangesCommand(Integer maxDates, LocalDate date, LocalDate from) {
    public UpdateChangesCommand {
        if (maxDates != null && maxDates < 1) {
            throw new IllegalArgumentException("--max-dates must be at least 1, got " + maxDates);
        }
        if (date != null && from != null) {
            throw new IllegalArgumentException("--date and --from cannot be combined");
        }
    }

    /** Every day since the last successful one. */
    public static UpdateChangesCommand daily() {
        return new UpdateChangesCommand(null, null, null);
    }
}
