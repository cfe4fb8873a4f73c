package com.che168sync.application.job;

import com.che168sync.application.port.out.ops.OperationType;
import java.util.Objects;

/**
 * Who a job is, for the runner.
 *
 * @param lock          the advisory lock's name (one run at a time, across processes): {@code load}, {@code daily}
 * @param name          how lines name it: {@code another normalization is running}, {@code load finished OK in …}
 * @param operationType its {@code operations_log} type, or null for a job without a row of its own ({@code daily},
 *                      whose jobs write theirs)
 */
public record JobSpec(String lock, String name, OperationType operationType) {
    public JobSpec {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(name, "name");
    }
}
