package com.che168sync.application.port.in.daily;

/**
 * The cron entry point ({@code daily}, docs/rules.md#commands-and-exit-codes): the daily update, then normalization, under one lock, so that a
 * second daily run is refused while one is running. The update and the normalization each also take their own lock
 * and write their own {@code operations_log} row, exactly as when they run alone.
 */
public interface RunDailyJobsUseCase {
    DailyResult runDaily(RunDailyJobsCommand command);
}
