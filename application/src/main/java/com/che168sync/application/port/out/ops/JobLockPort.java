package com.che168sync.application.port.out.ops;

import java.util.Optional;

/**
 * One run of a job at a time, across processes and machines sharing the database (a PostgreSQL advisory lock
 * held for the whole run).
 */
public interface JobLockPort {
    /** The lock for {@code jobName}, or empty when another run holds it. Closing releases it. */
    Optional<JobLock> tryLock(String jobName);

    /** A held lock. */
    interface JobLock extends AutoCloseable {
        @Override
        void close();
    }
}
