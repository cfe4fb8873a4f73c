package com.che168sync.application.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.testing.MutableClock;
import com.che168sync.application.testing.ReportedLines;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceEndpointNotFoundException;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoadCatalogueServiceTest {
    // 22:30 UTC on the 22nd is already the 23rd in Moscow
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:30:00Z"));
    private final Fakes.Store store = new Fakes.Store();
    private final InMemoryOperations operations = new InMemoryOperations();
    private final ReportedLines lines = new ReportedLines();
    private final List<Duration> sleeps = new ArrayList<>();

    private LoadCatalogueService service(Fakes.OfferSource source, int attempts) {
        RetryPolicy retry = new RetryPolicy(RetrySettings.of(attempts, Duration.ofMinutes(12)), d -> {
            sleeps.add(d);
            clock.advance(d);
        }, clock, RetryListener.NONE);
        return new LoadCatalogueService(source, store, store, retry, operations, operations, lines,
                new IngestSettings(1_000, Duration.ofSeconds(10), true, IngestSettings.DEFAULT_FEED_ZONE), clock);
    }

    @Test
    void loadsEveryPageUntilNextPageIsEmptyAndIgnoresDuplicates() {
        Fakes.OfferSource source = new Fakes.OfferSource(205);
        source.duplicateEvery = 3;
        IngestResult result = service(source, 20).load(LoadCatalogueCommand.resume());

        assertThat(result).isInstanceOf(IngestResult.Completed.class);
        assertThat(result.exitCode()).isZero();
        assertThat(source.requested).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(store.loaded).hasSize(205 - 3); // pages 3, 6, 9 each repeat an item instead of one of their own
        assertThat(store.checkpoint.finished()).isTrue();
        assertThat(store.checkpoint.lastPage()).isEqualTo(11);
        assertThat(store.checkpoint.loadStartDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        var stats = ((IngestResult.Completed) result).stats();
        assertThat(stats.pages()).isEqualTo(11);
        assertThat(stats.listingsNew()).isEqualTo(202);
        assertThat(stats.listingsSkipped()).isEqualTo(3);
        assertThat(operations.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(operations.last().operationType()).isEqualTo("initial_load");
        assertThat(operations.last().stats()).containsEntry("pages", 11L).containsEntry("listings_new", 202L)
                .containsEntry("listings_skipped", 3L).containsEntry("errors", 0L);
        assertThat(lines.lines).anyMatch(l -> l.matches(
                "\\[INFO] Progress: 100\\.0% \\(205 / 205 records\\) \\| Speed: [\\d,]+ records/min \\| ETA: done"));
    }

    @Test
    void maxPagesStopsAndTheNextRunResumesAfterTheLastStoredPage() {
        Fakes.OfferSource source = new Fakes.OfferSource(200);
        LoadCatalogueService service = service(source, 20);
        IngestResult first = service.load(new LoadCatalogueCommand(4, false, false));
        assertThat(first.exitCode()).isZero();
        assertThat(store.checkpoint.nextPage()).isEqualTo(5);
        assertThat(store.loaded).hasSize(80);

        service.load(LoadCatalogueCommand.resume());
        assertThat(source.requested).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(store.loaded).hasSize(200);
        assertThat(store.transactions).containsExactly("page 1", "page 2", "page 3", "page 4", "page 5", "page 6",
                "page 7", "page 8", "page 9", "page 10");
    }

    @Test
    void transientFailuresAreRetriedWithTheIntervalAndCostNoError() {
        Fakes.OfferSource source = new Fakes.OfferSource(60);
        source.failPage(2, 3);
        IngestResult result = service(source, 20).load(LoadCatalogueCommand.resume());
        assertThat(result.exitCode()).isZero();
        assertThat(sleeps).containsExactly(Duration.ofMinutes(12), Duration.ofMinutes(12), Duration.ofMinutes(12));
        assertThat(store.loaded).hasSize(60);
    }

    @Test
    void pageThatKeepsFailingIsRecordedSkippedAndRefetchableLater() {
        Fakes.OfferSource source = new Fakes.OfferSource(100);
        source.failPage(3, 5);
        LoadCatalogueService service = service(source, 5);
        IngestResult result = service.load(LoadCatalogueCommand.resume());

        assertThat(result).isInstanceOf(IngestResult.CompletedWithErrors.class);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.failed).containsOnlyKeys(3);
        assertThat(store.failed.get(3).attempts()).isEqualTo(5);
        assertThat(store.loaded).hasSize(80);
        assertThat(store.checkpoint.finished()).isTrue();
        assertThat(operations.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(operations.last().details()).contains("page 3").contains("failed pages [3]");
        assertThat(lines.lines).anyMatch(l -> l.startsWith("[ERROR] page 3 given up after 5 attempts"));

        IngestResult refetch = service.load(new LoadCatalogueCommand(null, false, true));
        assertThat(refetch.exitCode()).isZero();
        assertThat(store.loaded).hasSize(100);
        assertThat(store.failed).isEmpty();
        assertThat(store.resolved).containsExactly(3);
        assertThat(operations.last().status()).isEqualTo(OperationStatus.OK);
    }

    @Test
    void secondConcurrentRunIsRefusedWithExitCodeTwoAndTouchesNothing() {
        operations.tryLock(LoadCatalogueService.JOB_NAME);
        Fakes.OfferSource source = new Fakes.OfferSource(40);
        IngestResult result = service(source, 20).load(LoadCatalogueCommand.resume());
        assertThat(result).isInstanceOf(IngestResult.Refused.class);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(((IngestResult.Refused) result).reason()).contains("another load is running");
        assertThat(source.requested).isEmpty();
        assertThat(operations.rows()).isEmpty();
    }

    @Test
    void runningRowOfAKilledRunIsMarkedInterruptedByTheNextRun() {
        operations.start(com.che168sync.application.port.out.ops.OperationType.INITIAL_LOAD, clock.instant());
        service(new Fakes.OfferSource(20), 20).load(LoadCatalogueCommand.resume());
        assertThat(operations.rows().get(0).status()).isEqualTo(OperationStatus.ERROR);
        assertThat(operations.rows().get(0).details()).startsWith("interrupted");
        assertThat(operations.rows().get(1).status()).isEqualTo(OperationStatus.OK);
    }

    @Test
    void completedLoadDoesNothingUnlessRestarted() {
        Fakes.OfferSource source = new Fakes.OfferSource(40);
        LoadCatalogueService service = service(source, 20);
        service.load(LoadCatalogueCommand.resume());
        IngestResult again = service.load(LoadCatalogueCommand.resume());
        assertThat(((IngestResult.Completed) again).message()).contains("already complete");
        assertThat(source.requested).containsExactly(1, 2);

        service.load(new LoadCatalogueCommand(null, true, false));
        assertThat(source.requested).containsExactly(1, 2, 1, 2);
        assertThat(store.loaded).hasSize(40);
    }

    static List<SourceException> finalErrors() {
        return List.of(new SourceAuthException("HTTP 401: the API key was refused"),
                new SourceEndpointNotFoundException("HTTP 404 on /offers: check CHE168_BASE_URL"));
    }

    /** A bad key or a wrong base URL: retrying for hours would fix nothing. */
    @ParameterizedTest
    @MethodSource("finalErrors")
    void finalSourceErrorStopsTheRunAtOnceWithAnErrorAndKeepsTheCheckpoint(SourceException error) {
        Fakes.OfferSource source = new Fakes.OfferSource(100) {
            @Override
            public com.che168sync.application.port.out.source.OfferPage fetchOfferPage(int page) {
                if (page == 3) {
                    throw error;
                }
                return super.fetchOfferPage(page);
            }
        };
        IngestResult result = service(source, 20).load(LoadCatalogueCommand.resume());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.checkpoint.nextPage()).isEqualTo(3);
        assertThat(sleeps).isEmpty();
        assertThat(lines.lines).anyMatch(l -> l.contains("load stopped: " + error.getMessage()));
    }

    @Test
    void databaseFailureEndsTheRunWithAnErrorAndTheCheckpointOfTheLastCommittedPage() {
        Fakes.OfferSource source = new Fakes.OfferSource(100);
        store.failOnStoreOfPage = 3;
        IngestResult result = service(source, 20).load(LoadCatalogueCommand.resume());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.checkpoint.nextPage()).isEqualTo(3);
        assertThat(operations.last().details()).contains("database went away");
        store.failOnStoreOfPage = -1;
        service(source, 20).load(LoadCatalogueCommand.resume());
        assertThat(store.loaded).hasSize(100);
    }
}
