package com.che168sync.adapter.postgres.ingest;

import com.che168sync.application.port.out.ingest.IngestStorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/** One transaction of the ingest repositories: commit, or roll back and report as {@link IngestStorageException}. */
final class Transactions {
    private Transactions() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction of a pooled connection.
     *
     * @param what        for the error message: {@code database: could not <what>: …}
     * @param asyncCommit commit with {@code synchronous_commit = off} (a crash may lose this transaction, never
     *                    half of it)
     */
    static <T> T inTransaction(DataSource dataSource, String what, boolean asyncCommit, Work<T> work) {
        return inTransaction(dataSource, asyncCommit, work,
                e -> new IngestStorageException("database: could not " + what + ": " + e.getMessage(), e));
    }

    /** What a failed transaction is reported as. */
    @FunctionalInterface
    interface Failure {
        RuntimeException of(Exception e);
    }

    /**
     * Runs {@code work} in one transaction of a pooled connection; a failure (nothing of it committed) is thrown as
     * {@code failure} makes it.
     */
    static <T> T inTransaction(DataSource dataSource, boolean asyncCommit, Work<T> work, Failure failure) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (asyncCommit) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | DataAccessException e) {
            throw failure.of(e);
        }
    }
}
