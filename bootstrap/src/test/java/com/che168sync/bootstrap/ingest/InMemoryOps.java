package com.che168sync.bootstrap.ingest;

import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** operations_log and the job lock in memory, for in-process ITs that exercise the ingest services themselves. */
final class InMemoryOps implements OperationLogPort, JobLockPort {
    final List<OperationRecord> rows = new ArrayList<>();

    @Override
    public synchronized long start(OperationType type, Instant startedAt) {
        rows.add(new OperationRecord(rows.size() + 1, type.dbValue(), startedAt, null, OperationStatus.RUNNING, null,
                Map.of()));
        return rows.size();
    }

    @Override
    public synchronized void finish(long id, OperationStatus status, Duration duration, String details,
            Map<String, Object> stats) {
        OperationRecord r = rows.get((int) id - 1);
        rows.set((int) id - 1, new OperationRecord(id, r.operationType(), r.startedAt(), duration, status, details,
                stats));
    }

    @Override
    public synchronized int markInterrupted(OperationType type, String details) {
        return 0;
    }

    @Override
    public synchronized List<OperationRecord> recent(int limit) {
        return rows.reversed().stream().limit(limit).toList();
    }

    @Override
    public Optional<JobLock> tryLock(String jobName) {
        return Optional.of(() -> { });
    }

    synchronized OperationRecord last() {
        return rows.get(rows.size() - 1);
    }
}
