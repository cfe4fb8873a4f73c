package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code che168 update}: the daily update (docs/rules.md#daily-update). */
@Command(name = "update", description = {
        "Daily update: apply the source's change feed for every day since the last successful one, up to and"
                + " including today (no state yet: from the day the initial load started). Each day commits with"
                + " its last page; a day that fails is retried by the next run.",
        "Re-running a day is harmless: events already applied are skipped."})
public final class UpdateCommand extends AppCommand {
    @Option(names = "--max-dates", paramLabel = "N", description = "Process at most N days in this run.")
    private Integer maxDates;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Process exactly this one day (a replay: the sync state never moves backwards for it;"
                    + " a day after a day never applied is refused).")
    private LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD",
            description = "Restart the day loop at this day and go on up to today.")
    private LocalDate from;

    @Override
    public Integer call() {
        UpdateChangesCommand command;
        try {
            command = new UpdateChangesCommand(maxDates, date, from);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        return LoadCommand.IngestOutput.report(app().updateChanges().update(command), out(), err());
    }
}
