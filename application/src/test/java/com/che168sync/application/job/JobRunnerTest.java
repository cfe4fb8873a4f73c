package com.che168sync.application.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.testing.MutableClock;
import com.che168sync.application.testing.ReportedLines;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private static final JobSpec JOB = new JobSpec("reconcile", "reconciliation", OperationType.DATA_FETCH);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    private final InMemoryOperations ops = new InMemoryOperations();
    private final ReportedLines lines = new ReportedLines();
    private final JobRunner runner = new JobRunner(ops, ops, lines, clock);

    /** A job whose result is its last line. */
    private record Work(Function<JobRun, Boolean> body) implements JobWork<String> {
        @Override
        public String run(JobRun run) {
            return run.finishedLine(body.apply(run), "checked 3 listings");
        }

        @Override
        public String stopped(String reason, JobRun run) {
            return run.finishedLine(false, "stopped: " + reason);
        }

        @Override
        public String refused(String reason) {
            return "refused: " + reason;
        }

        @Override
        public JobOutcome outcome(String result, JobRun run) {
            return new JobOutcome(result.contains(" OK "), result, "details: " + result, Map.of("checked", 3L));
        }
    }

    @Test
    void aRunHoldsTheLockAndCompletesItsOperationsLogRow() {
        String result = runner.run(JOB, new Work(run -> {
            assertThat(ops.held()).containsExactly("reconcile");
            assertThat(ops.last().status()).isEqualTo(OperationStatus.RUNNING);
            clock.advance(Duration.ofSeconds(185));
            return true;
        }));

        assertThat(result).isEqualTo("reconciliation finished OK in 3 min 5 s: checked 3 listings");
        OperationRecord row = ops.last();
        assertThat(row.operationType()).isEqualTo("data_fetch");
        assertThat(row.status()).isEqualTo(OperationStatus.OK);
        assertThat(row.duration()).isEqualTo(Duration.ofSeconds(185));
        assertThat(row.details()).isEqualTo("details: " + result);
        assertThat(row.stats()).containsEntry("checked", 3L);
        assertThat(lines.lines).containsExactly("[INFO] " + result);
        assertThat(ops.held()).isEmpty();
    }

    @Test
    void aRunWithErrorsEndsItsRowInErrorAndReportsItsLastLineAsAnError() {
        String result = runner.run(JOB, new Work(run -> false));
        assertThat(result).startsWith("reconciliation finished with errors in 0 s");
        assertThat(ops.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(lines.at("ERROR")).containsExactly(result);
    }

    @Test
    void aSecondRunIsRefusedAndTouchesNothing() {
        try (var held = ops.tryLock("reconcile").orElseThrow()) {
            String result = runner.run(JOB, new Work(run -> {
                throw new AssertionError("must not run");
            }));
            assertThat(result).isEqualTo("refused: another reconciliation is running (its lock 'reconcile' is held);"
                    + " this run refuses to start. Wait for it to finish.");
        }
        assertThat(ops.rows()).isEmpty();
        assertThat(lines.at("ERROR")).singleElement().asString().startsWith("another reconciliation is running");
    }

    @Test
    void theRowsOfKilledRunsOfTheSameJobAreMarkedInterruptedOnce() {
        ops.start(OperationType.DATA_FETCH, clock.instant().minusSeconds(60)); // killed: left RUNNING
        ops.start(OperationType.NORMALIZATION, clock.instant().minusSeconds(30)); // another job's: left alone

        runner.run(JOB, new Work(run -> true));

        assertThat(ops.rows().get(0).status()).isEqualTo(OperationStatus.ERROR);
        assertThat(ops.rows().get(0).details()).isEqualTo(JobRunner.INTERRUPTED);
        assertThat(ops.rows().get(1).status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(lines.at("WARNING")).containsExactly("1 earlier reconciliation run(s) had been interrupted"
                + " (killed or crashed); marked ERROR in operations_log. What they committed stands; this run goes on"
                + " from there");

        lines.lines.clear();
        runner.run(JOB, new Work(run -> true));
        assertThat(lines.at("WARNING")).isEmpty();
    }

    @Test
    void aWorkThatThrowsEndsTheRunWithErrorsAndReleasesTheLock() {
        String result = runner.run(JOB, new Work(run -> {
            throw new IllegalStateException("the database is not reachable\n");
        }));
        assertThat(result).isEqualTo(
                "reconciliation finished with errors in 0 s: stopped: the database is not reachable");
        assertThat(lines.at("ERROR")).containsExactly("reconciliation stopped: the database is not reachable", result);
        assertThat(ops.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(ops.held()).isEmpty();
    }

    @Test
    void aJobWithoutAnOperationTypeTakesItsLockButWritesNoRow() {
        String result = runner.run(new JobSpec("daily", "daily", null), new Work(run -> true));
        assertThat(result).startsWith("daily finished OK");
        assertThat(ops.rows()).isEmpty();
    }
}
