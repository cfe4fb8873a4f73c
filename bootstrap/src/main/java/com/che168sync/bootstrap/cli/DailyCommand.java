package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.daily.RunDailyJobsCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.bootstrap.config.NormalizeConfig;
import picocli.CommandLine.Command;

/**
 * {@code che168 daily}: the cron entry point (deploy/crontab, the compose jobs service). The daily update, then
 * normalization, under one lock; one summary line on stdout (and in the log); the exit code of docs/rules.md#commands-and-exit-codes.
 */
@Command(name = "daily",
        description = {
                "The cron entry point: the daily update (every day since the last successful one), then "
                        + "normalization of everything it changed, under one lock. A second daily run is refused "
                        + "while one runs.",
                "Prints one summary line. Each job also writes its own operations_log row (data_fetch, "
                        + "normalization)."},
        footer = {"", "Exit codes: 0 = both jobs OK; 1 = finished with errors (a day not completed, records that "
                + "failed to normalize; normalization still runs after an update with errors); 2 = refused "
                + "(another daily or update run holds the lock, or bad settings): nothing ran.",
                "Schedule: deploy/crontab (0 2 * * * che168 daily)."})
public final class DailyCommand extends AppCommand {
    @Override
    public Integer call() {
        settings().source().requireBaseUrl();
        settings().source().requireApiKey();
        NormalizeConfig normalize = settings().normalize();
        DailyResult result = app().dailyJobs().runDaily(new RunDailyJobsCommand(UpdateChangesCommand.daily(),
                new NormalizeListingsCommand(normalize.batchSize(), normalize.maxAttempts(), false, false)));
        out().println(result.summary());
        out().flush();
        return result.exitCode();
    }
}
