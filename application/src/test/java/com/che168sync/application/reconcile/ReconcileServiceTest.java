package com.che168sync.application.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.in.reconcile.ReconcileCommand;
import com.che168sync.application.port.in.reconcile.ReconcileResult;
import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.reconcile.DriftCounts;
import com.che168sync.application.port.out.reconcile.ReconcileCheckpoint;
import com.che168sync.application.port.out.reconcile.ReconcileStorePort;
import com.che168sync.application.port.out.reconcile.RepairCounts;
import com.che168sync.application.port.out.source.ListingCheck;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.application.testing.MutableClock;
import com.che168sync.application.testing.ReportedLines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The reconciliation's decisions (scan, valve, confirmation budget, locks) against in-memory fakes of its ports. */
class ReconcileServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:00:00Z"));
    private final InMemoryOperations operations = new InMemoryOperations();
    private final ReportedLines lines = new ReportedLines();
    private final FakeStore store = new FakeStore();
    private final List<Integer> pagesAsked = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private Set<Integer> failingPages = Set.of();
    private Function<String, ListingCheck> offer = id -> new ListingCheck.Gone("404");

    /** Three pages of two listings each. */
    private OfferPage page(int page) {
        pagesAsked.add(page);
        if (failingPages.contains(page)) {
            throw new SourceUnavailableException("HTTP 502", null);
        }
        List<SourceOffer> offers = List.of(new SourceOffer(page * 10L, "p" + page + "a", "added", null, "{}"),
                new SourceOffer(page * 10L + 1, "p" + page + "b", "added", null, "{}"));
        return new OfferPage(page, offers, page < 3 ? page + 1 : null);
    }

    private ReconcileService service(double share, int budget) {
        RetryPolicy retry = new RetryPolicy(RetrySettings.of(2, Duration.ofMinutes(12)), d -> clock.advance(d), clock,
                RetryListener.NONE);
        return new ReconcileService(this::page, id -> {
            checked.add(id);
            return offer.apply(id);
        }, store, retry, operations, operations, lines, new ReconcileSettings(share, budget, 6, Duration.ofSeconds(10)),
                clock);
    }

    @Test
    void aScanOfEveryPageIsComparedConfirmedAndRepaired() {
        store.drift = new DriftCounts(1, 1, 1, 2, 0, 100);
        store.absent.addAll(List.of("x1", "x2"));
        offer = id -> id.equals("x1") ? new ListingCheck.Gone("404") : new ListingCheck.Alive("{\"price\":1}");

        ReconcileResult result = service(0.05, 100).reconcile(ReconcileCommand.resume());

        assertThat(result.exitCode()).isZero();
        assertThat(pagesAsked).containsExactly(1, 2, 3);
        assertThat(store.stored).containsExactly(1, 2, 3);
        assertThat(store.findAbsent).isTrue();
        assertThat(store.gone).containsExactly("x1");
        assertThat(store.alive).containsOnlyKeys("x2");
        assertThat(store.repairs).isEqualTo(1);
        assertThat(operations.last().operationType()).isEqualTo("reconcile");
        assertThat(operations.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(operations.last().stats()).containsEntry("removed", 1L).containsEntry("confirmed_alive", 1L)
                .containsEntry("skipped_by_valve", 0L);
        assertThat(operations.held()).isEmpty();
    }

    @Test
    void aRunOverTheValveChangesNothingAndExitsOneUnlessForced() {
        store.drift = new DriftCounts(3, 0, 2, 1, 0, 100);
        store.absent.add("x1");

        ReconcileResult stopped = service(0.05, 100).reconcile(ReconcileCommand.resume());
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped).isInstanceOfSatisfying(ReconcileResult.Stopped.class, s -> assertThat(s.reason())
                .contains("Safety valve").contains("6 of 100").contains("reconcile --force"));
        assertThat(store.repairs).isZero();
        assertThat(checked).as("no /offer budget spent").isEmpty();
        assertThat(operations.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(operations.last().stats()).containsEntry("skipped_by_valve", 6L);

        pagesAsked.clear();
        ReconcileResult forced = service(0.05, 100).reconcile(new ReconcileCommand(false, true));
        assertThat(forced.exitCode()).isZero();
        assertThat(pagesAsked).as("the kept scan is repaired without scanning again").isEmpty();
        assertThat(store.repairs).isEqualTo(1);
    }

    @Test
    void removalsAreConfirmedWithinTheBudgetOnly() {
        store.drift = new DriftCounts(0, 0, 0, 5, 0, 1_000);
        store.absent.addAll(List.of("x1", "x2", "x3", "x4", "x5"));

        ReconcileResult result = service(0.05, 3).reconcile(ReconcileCommand.resume());

        assertThat(result.exitCode()).isZero();
        assertThat(checked).containsExactly("x1", "x2", "x3");
        assertThat(store.gone).containsExactly("x1", "x2", "x3");
        assertThat(operations.last().stats()).containsEntry("removed", 3L).containsEntry("unconfirmed", 2L);
        assertThat(lines.at("WARNING")).anyMatch(l -> l.contains("2 absent listing(s) not checked"));
    }

    @Test
    void aFailedPageIsRecordedTheScanGoesOnAndNothingIsRemoved() {
        failingPages = Set.of(2);
        store.drift = new DriftCounts(1, 0, 0, 0, 0, 100);

        ReconcileResult result = service(0.05, 100).reconcile(ReconcileCommand.resume());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.failed).containsExactly(2);
        assertThat(store.stored).containsExactly(1, 3);
        assertThat(store.findAbsent).as("absence is only looked for after a complete scan").isFalse();
        assertThat(store.repairs).isEqualTo(1);
        assertThat(operations.last().stats()).containsEntry("failed_pages", 1L);
    }

    @Test
    void aKilledScanResumesAfterItsLastStoredPage() {
        store.checkpoint = new ReconcileCheckpoint(clock.instant().minusSeconds(3600), 1, 2, 1, 2, null, null);
        store.rows = 2;
        store.drift = new DriftCounts(0, 0, 0, 0, 0, 100);

        assertThat(service(0.05, 100).reconcile(ReconcileCommand.resume()).exitCode()).isZero();
        assertThat(pagesAsked).containsExactly(2, 3);
        assertThat(lines.at("INFO")).anyMatch(l -> l.startsWith("Resuming the reconciliation scan at page 2"));

        pagesAsked.clear();
        store.checkpoint = new ReconcileCheckpoint(clock.instant(), 1, 2, 1, 2, null, null);
        assertThat(service(0.05, 100).reconcile(new ReconcileCommand(true, false)).exitCode()).isZero();
        assertThat(pagesAsked).as("--restart scans from page 1").containsExactly(1, 2, 3);
    }

    @Test
    void theRepairWaitsForNoWriterItRefusesAndKeepsTheScan() {
        store.drift = new DriftCounts(1, 0, 0, 0, 0, 100);
        JobLockPort.JobLock update = operations.tryLock("update").orElseThrow();
        try {
            ReconcileResult result = service(0.05, 100).reconcile(ReconcileCommand.resume());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result).isInstanceOfSatisfying(ReconcileResult.Refused.class,
                    r -> assertThat(r.reason()).contains("update"));
            assertThat(store.repairs).isZero();
            assertThat(operations.held()).containsExactly("update");
        } finally {
            update.close();
        }
    }

    /** The scan's storage, in memory; the comparison's answer is set by the test. */
    private final class FakeStore implements ReconcileStorePort {
        ReconcileCheckpoint checkpoint;
        long rows;
        DriftCounts drift;
        boolean findAbsent;
        int repairs;
        final List<Integer> stored = new ArrayList<>();
        final List<Integer> failed = new ArrayList<>();
        final List<String> absent = new ArrayList<>();
        final List<String> gone = new ArrayList<>();
        final Map<String, String> alive = new LinkedHashMap<>();

        @Override
        public Optional<ReconcileCheckpoint> findReconcileCheckpoint() {
            return Optional.ofNullable(checkpoint);
        }

        @Override
        public ReconcileCheckpoint startScan(Instant now) {
            stored.clear();
            failed.clear();
            rows = 0;
            checkpoint = new ReconcileCheckpoint(now, 0, 1, 0, 0, null, null);
            return checkpoint;
        }

        @Override
        public void storeScanPage(int page, List<SourceOffer> offers, Integer nextPage, Instant now) {
            stored.add(page);
            rows += offers.size();
            ReconcileCheckpoint c = checkpoint;
            checkpoint = new ReconcileCheckpoint(c.startedAt(), page, nextPage, c.pagesScanned() + 1, rows,
                    nextPage == null ? now : null, null);
        }

        @Override
        public void recordFailedScanPage(int page, int attempts, String error, Integer nextPage, Instant now) {
            failed.add(page);
            ReconcileCheckpoint c = checkpoint;
            checkpoint = new ReconcileCheckpoint(c.startedAt(), page, nextPage, c.pagesScanned(), rows, null, null);
        }

        @Override
        public List<FailedPage> failedScanPages() {
            return failed.stream().map(p -> new FailedPage(p, 2, "HTTP 502", clock.instant())).toList();
        }

        @Override
        public long countScanned() {
            return rows;
        }

        @Override
        public DriftCounts classify(Instant scanStartedAt, boolean findAbsent) {
            this.findAbsent = findAbsent;
            return drift;
        }

        @Override
        public List<String> absentListings(int limit) {
            return absent.stream().limit(limit).toList();
        }

        @Override
        public void recordConfirmations(List<String> gone, Map<String, String> alive, List<String> unconfirmed,
                Instant now) {
            this.gone.addAll(gone);
            this.alive.putAll(alive);
            absent.removeAll(gone);
            absent.removeAll(alive.keySet());
            absent.removeAll(unconfirmed);
        }

        @Override
        public RepairCounts repair(Instant scanStartedAt, Instant now) {
            repairs++;
            ReconcileCheckpoint c = checkpoint;
            checkpoint = new ReconcileCheckpoint(c.startedAt(), c.lastPage(), c.nextPage(), c.pagesScanned(), rows,
                    c.scanFinishedAt(), now);
            return new RepairCounts(drift.add(), drift.reactivate(), drift.change(), gone.size());
        }
    }
}
