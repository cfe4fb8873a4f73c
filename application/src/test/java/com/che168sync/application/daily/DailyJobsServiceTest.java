package com.che168sync.application.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.daily.RunDailyJobsCommand;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.IngestStats;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.port.out.ops.JobLockPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DailyJobsServiceTest {
    private static final RunDailyJobsCommand COMMAND = new RunDailyJobsCommand(UpdateChangesCommand.daily(),
            new NormalizeListingsCommand(200, 3, false, false));
    private static final IngestStats UPDATE_STATS = new IngestStats(750, 120, 14_800, 30, 50, 0, List.of(), 1, null,
            987_654L);

    private final InMemoryOperations locks = new InMemoryOperations();
    private final List<String> calls = new ArrayList<>();
    private Supplier<IngestResult> updateOutcome = () -> new IngestResult.Completed(UPDATE_STATS, "1 day");
    private Supplier<NormalizeResult> normalizeOutcome = () -> completed(0, null);

    private final DailyJobsService service = new DailyJobsService(locks, locks, JobReporter.SILENT,
            command -> {
                calls.add("update " + (locks.held().contains(DailyJobsService.JOB_NAME) ? "under the daily lock" : ""));
                return updateOutcome.get();
            },
            command -> {
                calls.add("normalize batch " + command.batchSize());
                return normalizeOutcome.get();
            },
            Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC));

    @Test
    void runsTheUpdateThenTheNormalizationUnderTheDailyLockAndSumsUpInOneLine() {
        DailyResult result = service.runDaily(COMMAND);

        assertThat(calls).containsExactly("update under the daily lock", "normalize batch 200");
        assertThat(result).isInstanceOf(DailyResult.Completed.class);
        assertThat(result.exitCode()).isZero();
        assertThat(result.summary()).startsWith("daily finished OK in ")
                .contains("update: OK, pages 750", "last change id 987654",
                        "normalize: OK, processed 14950 of 14950 queued (new 120, updated 14830, inactive 50), failed 0")
                .doesNotContain("\n");
        assertThat(locks.held()).isEmpty();
    }

    @Test
    void aSecondDailyRunIsRefusedAndRunsNothing() {
        try (JobLockPort.JobLock running = locks.tryLock(DailyJobsService.JOB_NAME).orElseThrow()) {
            DailyResult result = service.runDaily(COMMAND);

            assertThat(result).isInstanceOf(DailyResult.Refused.class);
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.summary()).contains("another daily is running");
            assertThat(calls).isEmpty();
        }
    }

    @Test
    void aRefusedUpdateRefusesTheDailyRunWithoutNormalizing() {
        updateOutcome = () -> new IngestResult.Refused("another update is running");

        DailyResult result = service.runDaily(COMMAND);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.summary()).contains("the update was refused", "another update is running");
        assertThat(calls).hasSize(1);
        assertThat(locks.held()).isEmpty();
    }

    @Test
    void anUpdateWithErrorsIsStillFollowedByTheNormalizationAndEndsWithExitOne() {
        updateOutcome = () -> new IngestResult.CompletedWithErrors(UPDATE_STATS,
                List.of("day 2026-11-22 not completed: source unavailable after 20 attempts"));

        DailyResult result = service.runDaily(COMMAND);

        assertThat(calls).hasSize(2);
        assertThat(result).isInstanceOf(DailyResult.CompletedWithErrors.class);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).startsWith("daily finished with errors")
                .contains("update: with errors", "errors: update: day 2026-11-22 not completed");
    }

    @Test
    void failedRecordsOrAnAbortedNormalizationEndWithExitOne() {
        normalizeOutcome = () -> completed(3, null);
        assertThat(service.runDaily(COMMAND).summary()).contains("normalize: 3 record(s) failed");

        normalizeOutcome = () -> completed(0, "the database went away");
        DailyResult aborted = service.runDaily(COMMAND);
        assertThat(aborted.exitCode()).isEqualTo(1);
        assertThat(aborted.summary()).contains("normalize stopped: the database went away");
    }

    @Test
    void aNormalizationRefusedByAnotherRunIsAnErrorOfTheDailyRun() {
        normalizeOutcome = () -> new NormalizeResult.Refused("another normalization is running");

        DailyResult result = service.runDaily(COMMAND);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("normalize refused: another normalization is running");
    }

    @Test
    void aJobThatThrowsIsAnErrorTheOtherStillRunsAndTheLockIsReleased() {
        updateOutcome = () -> {
            throw new IllegalStateException("connection refused\n  at localhost:5432");
        };

        DailyResult result = service.runDaily(COMMAND);

        assertThat(calls).hasSize(2);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.summary()).contains("update: did not finish", "update stopped: connection refused at localhost:5432")
                .doesNotContain("\n");
        assertThat(locks.held()).isEmpty();
    }

    private static NormalizeResult completed(long failed, String abortedBecause) {
        return new NormalizeResult.Completed(new NormalizeCounts(14_950 + failed, 14_950, 120, 14_830, 50, failed, 0, 0,
                0), List.of(), List.of(), Duration.ofSeconds(3), abortedBecause);
    }
}
