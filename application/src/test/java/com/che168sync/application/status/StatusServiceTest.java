package com.che168sync.application.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.in.status.StatusReport;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.out.status.LoadStatusPort;
import com.che168sync.application.port.out.status.SyncStateView;
import com.che168sync.application.port.out.status.TableCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final TableCounts counts = new TableCounts(10, 8, 2, 3, 1, 7, 6, 20, 19, 0, 0, 0, 0);
    private final SyncStateView sync = new SyncStateView(LocalDate.parse("2026-11-22"), 892_151L, NOW);
    private final List<Integer> asked = new ArrayList<>();

    private final LoadStatusPort status = new LoadStatusPort() {
        @Override
        public TableCounts counts(Instant now) {
            assertThat(now).isEqualTo(NOW);
            return counts;
        }

        @Override
        public Optional<SyncStateView> syncState() {
            return Optional.of(sync);
        }

        @Override
        public Optional<LoadCheckpointView> loadCheckpoint() {
            return Optional.empty();
        }
    };

    private final OperationLogPort operations = new OperationLogPort() {
        @Override
        public long start(OperationType type, Instant startedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void finish(long id, OperationStatus s, Duration d, String details, Map<String, Object> stats) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markInterrupted(OperationType type, String details) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<OperationRecord> recent(int limit) {
            asked.add(limit);
            return List.of(new OperationRecord(1, "data_fetch", NOW, Duration.ofSeconds(5), OperationStatus.OK, "ok",
                    Map.of()));
        }

        @Override
        public Optional<OperationRecord> latest(OperationType type) {
            return Optional.of(new OperationRecord(2, type.dbValue(), NOW, Duration.ofSeconds(50), OperationStatus.OK,
                    "ok", Map.of("added", 3L)));
        }
    };

    private final StatusService service = new StatusService(status, operations, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theReportCombinesCountsStatesAndRecentRuns() {
        StatusReport report = service.status(5);
        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.counts()).isEqualTo(counts);
        assertThat(report.syncState()).contains(sync);
        assertThat(report.loadCheckpoint()).isEmpty();
        assertThat(report.recentOperations()).hasSize(1);
        assertThat(asked).containsExactly(5);
        assertThat(report.lastReconciliation()).hasValueSatisfying(r -> {
            assertThat(r.operationType()).isEqualTo("reconcile");
            assertThat(r.stats()).containsEntry("added", 3L);
        });
    }

    @Test
    void zeroRecentRunsSkipsTheLogAndNegativeIsRefused() {
        assertThat(service.status(0).recentOperations()).isEmpty();
        assertThat(asked).isEmpty();
        assertThatThrownBy(() -> service.status(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
