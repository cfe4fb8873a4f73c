package com.che168sync.application.port.out.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * operations_log and the job locks in memory, for the application's unit tests (the one fake of these ports;
 * integration tests use the real PostgreSQL repositories). It behaves like them: ids from 1, {@code recent} newest
 * first, {@code markInterrupted} turns the RUNNING rows of a type into ERROR, a lock is held until closed.
 */
public final class InMemoryOperations implements OperationLogPort, JobLockPort {
    private final List<OperationRecord> rows = new ArrayList<>();
    private final Set<String> held = new HashSet<>();

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
                stats == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stats))));
    }

    @Override
    public synchronized int markInterrupted(OperationType type, String details) {
        int marked = 0;
        for (int i = 0; i < rows.size(); i++) {
            OperationRecord r = rows.get(i);
            if (r.status() == OperationStatus.RUNNING && r.operationType().equals(type.dbValue())) {
                rows.set(i, new OperationRecord(r.id(), r.operationType(), r.startedAt(), null, OperationStatus.ERROR,
                        details, r.stats()));
                marked++;
            }
        }
        return marked;
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
            synchronized (InMemoryOperations.this) {
                held.remove(jobName);
            }
        });
    }

    /** Every row, oldest first. */
    public synchronized List<OperationRecord> rows() {
        return List.copyOf(rows);
    }

    /** The newest row. */
    public synchronized OperationRecord last() {
        return rows.getLast();
    }

    /** The names of the locks held now. */
    public synchronized Set<String> held() {
        return Set.copyOf(held);
    }
}
