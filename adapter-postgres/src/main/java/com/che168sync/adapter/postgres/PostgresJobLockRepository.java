package com.che168sync.adapter.postgres;

import com.che168sync.application.port.out.ops.JobLockPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job at a time: {@code pg_try_advisory_lock} on a connection taken from the pool and held for the
 * whole run. If the process dies, PostgreSQL drops the connection and with it the lock, so a crash never leaves a
 * job locked.
 */
public final class PostgresJobLockRepository implements JobLockPort {
    /** First key of our advisory locks, so they do not collide with another application's. */
    static final int LOCK_NAMESPACE = 168_168;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresJobLockRepository.class);

    private final DataSource dataSource;

    public PostgresJobLockRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<JobLock> tryLock(String jobName) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, LOCK_NAMESPACE);
                lock.setString(2, jobName);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new HeldLock(connection, jobName));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the lock for " + jobName + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards it
            }
        }
    }

    private static final class HeldLock implements JobLock {
        private final Connection connection;
        private final String jobName;
        private boolean released;

        HeldLock(Connection connection, String jobName) {
            this.connection = connection;
            this.jobName = jobName;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try (PreparedStatement unlock = connection.prepareStatement(
                    "SELECT pg_advisory_unlock(?, hashtext(?))")) {
                unlock.setInt(1, LOCK_NAMESPACE);
                unlock.setString(2, jobName);
                unlock.execute();
                closeQuietly(connection);
            } catch (SQLException e) {
                // end the session instead of returning it to the pool: that releases the lock for sure
                LOG.warn("Could not release the lock for {} explicitly, dropping its connection: {}", jobName,
                        e.getMessage());
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    closeQuietly(connection);
                }
            }
        }
    }
}
