package com.che168sync.bootstrap.testing;

import com.che168sync.db.testing.PostgresFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of one test's own, which the test may stop and start again under a running job (the shared
 * {@link PostgresFixture} server serves every other test): zonky's PostgreSQL in {@code dataDir} on a fixed port,
 * trust authentication, its data kept across a stop. Holds one database, {@code che168}, not yet migrated.
 */
public final class StoppablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private StoppablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Initializes a cluster in {@code dataDir} (which must not exist yet), starts it and creates {@code che168}. */
    public static StoppablePostgres start(Path dataDir) throws IOException {
        StoppablePostgres pg = new StoppablePostgres(dataDir, ProductProcess.freePort());
        pg.start();
        try (Connection c = pg.server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE che168");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database che168", e);
        }
        return pg;
    }

    /** Starts the server again on the same data and port (after {@link #stop}). */
    public void start() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).setServerConfig("fsync", "off").start();
    }

    /** Stops the server as an operator's {@code pg_ctl stop} does (fast: every session is cut) and waits for it. */
    public void stop() throws IOException {
        EmbeddedPostgres running = server;
        server = null;
        running.close();
    }

    public int port() {
        return port;
    }

    /** The database as the product's settings and the test's data sources see it. */
    public PostgresFixture.TestDatabase database() {
        return new PostgresFixture.TestDatabase("localhost", port, "che168", "postgres", "unused-trust-auth");
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
