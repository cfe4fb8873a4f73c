package com.che168sync.application.status;

import com.che168sync.application.port.in.status.ShowStatusUseCase;
import com.che168sync.application.port.in.status.StatusReport;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.status.LoadStatusPort;
import java.time.Clock;
import java.time.Instant;

/** {@link ShowStatusUseCase}: counts and states from the database, the latest runs from operations_log. */
public final class StatusService implements ShowStatusUseCase {
    private final LoadStatusPort status;
    private final OperationLogPort operations;
    private final Clock clock;

    public StatusService(LoadStatusPort status, OperationLogPort operations, Clock clock) {
        this.status = status;
        this.operations = operations;
        this.clock = clock;
    }

    @Override
    public StatusReport status(int recentOperations) {
        if (recentOperations < 0 || recentOperations > 1000) {
            throw new IllegalArgumentException("recent operations must be between 0 and 1000");
        }
        Instant now = clock.instant();
        return new StatusReport(now, status.counts(now), status.syncState(), status.loadCheckpoint(),
                recentOperations == 0 ? java.util.List.of() : operations.recent(recentOperations),
                operations.latest(com.che168sync.application.port.out.ops.OperationType.RECONCILE));
    }
}
