package com.che168sync.bootstrap.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * PostgreSQL connection ({@code DB_*}). An empty {@link #host()} means the embedded default: the product runs its
 * own PostgreSQL with data under {@link #embeddedDataDir()} ({@code DATA_DIR/postgres}).
 *
 * @param host     {@code DB_HOST}; empty = embedded PostgreSQL
 * @param port     {@code DB_PORT} (external server only)
 * @param user     {@code DB_USER}
 * @param password {@code DB_PASSWORD} (secret: never printed, see {@link #toString()})
 * @param name     {@code DB_NAME}
 * @param poolSize {@code database.pool_size}: HikariCP maximum pool size
 * @param embeddedDataDir where the embedded server keeps its cluster
 */
public record DbConfig(Optional<String> host, int port, String user, String password, String name, int poolSize,
                       Path embeddedDataDir) {
    /** True when no {@code DB_HOST} is set and the embedded PostgreSQL is used. */
    public boolean embedded() {
        return host.isEmpty();
    }

    @Override
    public String toString() {
        return "DbConfig[" + (embedded() ? "embedded at " + embeddedDataDir : host.get() + ":" + port) + ", db=" + name
                + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
    }
}
