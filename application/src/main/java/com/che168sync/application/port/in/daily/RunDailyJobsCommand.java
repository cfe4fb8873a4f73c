package com.che168sync.application.port.in.daily;

import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import java.util.Objects;

/**
 * One daily run: what the update and the normalization are asked to do.
 *
 * @param update    the update's command (normally {@link UpdateChangesCommand#daily()})
 * @param normalize the normalization's command (batch size and attempts from the settings)
 */
public record RunDailyJobsCommand(UpdateChangesCommand update, NormalizeListingsCommand normalize) {
    public RunDailyJobsCommand {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(normalize, "normalize");
    }
}
