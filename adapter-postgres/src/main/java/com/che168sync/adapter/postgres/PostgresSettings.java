package com.che168sync.adapter.postgres;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is. An empty {@code host} means the embedded PostgreSQL with its files under
 * {@code embeddedDir}; {@code port}, {@code user} and {@code password} then do not apply.
 *
 * @param poolSize the HikariCP maximum pool size (at least 2: a job holds one connection for its lock)
 */
public record PostgresSettings(Optional<String> host, int port, String user, String password, String database,
                               int poolSize, Path embeddedDir) {
    public PostgresSettings {
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, was " + poolSize);
        }
    }

    /** An external server. */
    public static PostgresSettings external(String host, int port, String user, String password, String database,
                                            int poolSize) {
        return new PostgresSettings(Optional.of(host), port, user, password, database, poolSize, null);
    }

    /** The embedded server with its files under {@code dir}. */
    public static PostgresSettings embedded(Path dir, String database, int poolSize) {
        return new PostgresSettings(Optional.empty(), 0, EmbeddedPostgresServer.SUPERUSER, "", database, poolSize,
                dir);
    }

    /** True for the embedded server. */
    public boolean embedded() {
        return host.isEmpty();
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + (embedded() ? "embedded in " + embeddedDir : host.get() + ":" + port)
                + ", database=" + database + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
