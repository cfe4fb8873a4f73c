package com.che168sync.application.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.testing.ReportedLines;
import com.che168sync.domain.normalize.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:10:00Z"), ZoneOffset.UTC);

    private final InMemoryNormalizationStore store = new InMemoryNormalizationStore();
    private final InMemoryOperations ops = new InMemoryOperations();
    private final ReportedLines lines = new ReportedLines();

    private NormalizeService service(int writers) {
        return new NormalizeService(store, store, ops, ops, CLOCK,
                lines, writers, Duration.ZERO);
    }

    private void addListings(int n) {
        for (int i = 1; i <= n; i++) {
            store.add(Integer.toString(50_000_000 + i), Map.of("inner_id", Integer.toString(50_000_000 + i),
                    "price", Integer.toString(10_000 + i), "engine_type", i % 50 == 0 ? "Паровой" : "Бензиновый"));
        }
    }

    private static NormalizeListingsCommand command(int batchSize) {
        return new NormalizeListingsCommand(batchSize, 3, false, false);
    }

    @ParameterizedTest(name = "{0} writer(s)")
    @ValueSource(ints = {1, 2})
    void normalizesEveryQueuedRowInBatchesAndLogsTheCounts(int writers) {
        addListings(1_050);
        NormalizeResult.Completed result = (NormalizeResult.Completed) service(writers).normalize(command(200));

        assertThat(result.withErrors()).isFalse();
        assertThat(result.counts().queued()).isEqualTo(1_050);
        assertThat(result.counts().processed()).isEqualTo(1_050);
        assertThat(result.counts().created()).isEqualTo(1_050);
        assertThat(result.counts().unmapped()).isEqualTo(21);
        assertThat(store.loadedBatchSizes).containsExactly(200, 200, 200, 200, 200, 50, 0);
        assertThat(store.raw.values()).allMatch(r -> r.processed);
        assertThat(store.processed.get("50000007").listing().price()).isEqualTo(10_007L);
        assertThat(ops.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(ops.last().operationType()).isEqualTo("normalization");
        assertThat(ops.last().stats()).containsEntry("processed", 1_050L).containsEntry("created", 1_050)
                .containsEntry("updated", 0).containsEntry("deactivated", 0).containsEntry("failed", 0L)
                .containsEntry("unmapped", 21L).containsEntry("normalizer_version", Normalizer.NORMALIZER_VERSION);
        assertThat(lines.at("INFO")).anyMatch(l -> l.matches("Progress: 100\\.0% \\(1,050 / 1,050 records\\) \\| Speed:"
                + " [\\d,]+ records/min \\| ETA: done"))
                .last().asString().startsWith("normalization finished OK in 0 s: 1,050 of 1,050 queued raw rows normalized");
        assertThat(lines.at("ERROR")).isEmpty();

        // nothing left: a second run does nothing and updates nothing
        NormalizeResult.Completed again = (NormalizeResult.Completed) service(writers).normalize(command(200));
        assertThat(again.counts().processed()).isZero();
        assertThat(again.withErrors()).isFalse();
    }

    @Test
    void aPoisonRecordDoesNotBlockItsNeighboursAndIsParkedAfterMaxAttempts() {
        addListings(400);
        store.poison.add("50000123");
        NormalizeResult.Completed first = (NormalizeResult.Completed) service(1).normalize(command(200));

        assertThat(first.withErrors()).isTrue();
        assertThat(first.counts().processed()).isEqualTo(399);
        assertThat(first.counts().failed()).isEqualTo(1);
        assertThat(first.failures()).singleElement().asString().startsWith("50000123: value too long");
        InMemoryNormalizationStore.Raw bad = store.raw.get(123L);
        assertThat(bad.processed).isFalse();
        assertThat(bad.attempts).isEqualTo(1);
        assertThat(bad.error).contains("value too long");
        assertThat(store.raw.values()).filteredOn(r -> r.id != 123L).allMatch(r -> r.processed);
        assertThat(ops.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(ops.last().details()).contains("failed 50000123: value too long");
        assertThat(lines.at("ERROR")).anyMatch(l -> l.startsWith("Batch of 200 records (raw ids 1..200) failed"))
                .anyMatch(l -> l.startsWith("Record 50000123 (raw id 123) not normalized: value too long"));
        // bisection, not one transaction per record: far fewer than 200 extra saves
        assertThat(store.saveCalls.get()).isLessThan(2 + 2 * 8 + 1);

        // each run tries it once more, until max attempts; then it is parked and the run is OK
        service(1).normalize(command(200));
        service(1).normalize(command(200));
        assertThat(bad.attempts).isEqualTo(3);
        int savesBefore = store.saveCalls.get();
        NormalizeResult.Completed parked = (NormalizeResult.Completed) service(1).normalize(command(200));
        assertThat(parked.withErrors()).isFalse();
        assertThat(parked.counts().parked()).isEqualTo(1);
        assertThat(parked.counts().failed()).isZero();
        assertThat(store.saveCalls.get()).isEqualTo(savesBefore);
        assertThat(ops.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(lines.at("WARNING")).anyMatch(l -> l.startsWith("1 raw rows are left alone after 3 failed attempts"));
    }

    @Test
    void aSecondConcurrentRunIsRefused() {
        addListings(3);
        try (var held = ops.tryLock(NormalizeService.JOB_NAME).orElseThrow()) {
            NormalizeResult result = service(1).normalize(command(200));
            assertThat(result).isInstanceOf(NormalizeResult.Refused.class);
            assertThat(((NormalizeResult.Refused) result).reason()).contains("another normalization is running");
        }
        assertThat(store.raw.values()).noneMatch(r -> r.processed);
        assertThat(ops.rows()).isEmpty();
    }

    @Test
    void theRowOfAKilledRunIsMarkedInterruptedByTheNextRunWhichSaysSo() {
        addListings(3);
        ops.start(OperationType.NORMALIZATION, CLOCK.instant().minusSeconds(60)); // a run killed: left RUNNING
        ops.start(OperationType.DATA_FETCH, CLOCK.instant().minusSeconds(30)); // another job's run: left alone

        service(1).normalize(command(200));

        assertThat(ops.rows().get(0).status()).isEqualTo(OperationStatus.ERROR);
        assertThat(ops.rows().get(0).details()).startsWith("interrupted: the run ended without finishing");
        assertThat(ops.rows().get(1).status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(ops.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(lines.at("WARNING")).contains("1 earlier normalization run(s) had been interrupted (killed or"
                + " crashed); marked ERROR in operations_log. What they committed stands; this run goes on from there");

        lines.lines.clear();
        service(1).normalize(command(200));
        assertThat(lines.lines).noneMatch(l -> l.contains("interrupted"));
    }

    @Test
    void inactiveRawRowsAreWrittenInactive() {
        addListings(5);
        store.raw.get(2L).active = false;
        NormalizeResult.Completed result = (NormalizeResult.Completed) service(1).normalize(command(200));
        assertThat(result.counts().deactivated()).isEqualTo(1);
        assertThat(store.processedActive).containsEntry("50000002", false).containsEntry("50000001", true);
    }

    @Test
    void allRequeuesEverythingAndUpdatesInPlace() {
        addListings(60);
        service(1).normalize(command(7));
        NormalizeResult.Completed all = (NormalizeResult.Completed) service(1)
                .normalize(new NormalizeListingsCommand(7, 3, true, true));
        assertThat(all.counts().processed()).isEqualTo(60);
        assertThat(all.counts().updated()).isEqualTo(60);
        assertThat(all.counts().created()).isZero();
        assertThat(all.unmapped()).containsExactly(new UnmappedValue("engine_type", "Паровой", 1));
    }

    @Test
    void aRowChangedWhileBeingNormalizedStaysQueued() {
        addListings(3);
        InMemoryNormalizationStore.Raw row = store.raw.get(2L);
        // the raw row's version moves on between read and write, as an update by the daily run would
        NormalizeService s = new NormalizeService(new DelegatingQueue(store, () -> row.version++), store, ops, ops,
                CLOCK, JobReporter.SILENT, 1, Duration.ZERO);
        NormalizeResult.Completed result = (NormalizeResult.Completed) s.normalize(command(200));
        assertThat(result.counts().changedMeanwhile()).isEqualTo(1);
        assertThat(row.processed).isFalse();
    }

    @Test
    void aDatabaseFailureWhileReadingAbortsTheRunWithError() {
        addListings(3);
        store.loadFailure = new IllegalStateException("the database is not reachable (connection refused)");
        NormalizeResult.Completed result = (NormalizeResult.Completed) service(1).normalize(command(200));
        assertThat(result.withErrors()).isTrue();
        assertThat(result.abortedBecause()).contains("connection refused");
        assertThat(ops.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(ops.last().details()).contains("aborted: the database is not reachable");
        assertThat(ops.held()).isEmpty();
    }

    @Test
    void commandsCannotBeBuiltInvalid() {
        assertThatThrownBy(() -> new NormalizeListingsCommand(0, 3, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
        assertThatThrownBy(() -> new NormalizeListingsCommand(200, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max attempts");
    }
}
