package com.che168sync.application.normalize;

import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** operations_log and the advisory locks in memory. */
final class FakeOperations implements OperationLogPort, JobLockPort {
    final List<OperationRecord> rows = new ArrayList<>();
    final Set<String> held = new HashSet<>();

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
                Map.copyOf(stats)));
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
    public synchronized Optional<JobLock> tryLock(String jobName) {
        if (!held.add(jobName)) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            synchronized (FakeOperations.this) {
                held.remove(jobName);
            }
        });
    }

    synchronized OperationRecord last() {
        return rows.getLast();
    }
}
