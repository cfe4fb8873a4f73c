package com.che168sync.application.port.out.ingest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The sync-state change that goes with the last page of a day.
 *
 * @param day          the day now fully applied
 * @param lastChangeId the last change id applied (or seen) so far, may be null
 * @param onlyForward  a one-day replay ({@code --date}): the state is written only when {@code day} is the day right
 *                     after {@code last_successful_date}, so a replay never moves it backwards nor past a day that
 *                     was never applied
 */
public record DayCompleted(LocalDate day, Long lastChangeId, boolean onlyForward) {
    public DayCompleted {
        Objects.requireNonNull(day, "day");
    }
}
