package com.che168sync.application.port.out.ingest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The sync-state change that goes with the last page of a day.
 *
 * @param day          the day now fully applied
 * @param lastChangeId the last change id applied (or seen) so far, may be null
 * @param onlyForward  when true the state is only written if it does not move {@code last_successful_date}
 *                     backwards (a one-day replay with {@code --date})
 */
public record DayCompleted(LocalDate day, Long lastChangeId, boolean onlyForward) {
    public DayCompleted {
        Objects.requireNonNull(day, "day");
    }
}
