/**
 * What every job shares, so a new job is written the same way as the others (docs/architecture.md, "How to add a
 * job"): {@link com.che168sync.application.job.JobRunner} runs it under its advisory lock with its
 * {@code operations_log} row (marking rows of killed runs as interrupted, with one text); the job's
 * {@link com.che168sync.application.job.JobWork} says how its counts read; lines go to the one
 * {@link com.che168sync.application.job.JobReporter} port, progress as one {@link com.che168sync.application.job.Progress}
 * line, durations in one format ({@link com.che168sync.application.job.Durations}); the database work overlaps the
 * reading with {@link com.che168sync.application.job.WriteBehind}.
 */
package com.che168sync.application.job;
