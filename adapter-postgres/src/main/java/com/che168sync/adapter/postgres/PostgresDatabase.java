package com.che168sync.adapter.postgres;

import com.che168sync.db.Migrations;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The entry point of this adapter: one PostgreSQL, as a HikariCP pool and a jOOQ {@link DSLContext}. With no host
 * set it runs the embedded server (see {@link EmbeddedPostgresServer}), shared with other processes on the same
 * directory. {@link #close()} closes the pool and, when no other process uses the embedded server, stops it.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final DSLContext dsl;
    private final EmbeddedPostgresServer embedded;
    private final String applicationName;
    private final String description;
    private boolean closed;

    private PostgresDatabase(PostgresSettings settings, HikariDataSource pool, EmbeddedPostgresServer embedded,
                             String description, String applicationName) {
        this.settings = settings;
        this.applicationName = applicationName;
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false)
                .withRenderSchema(false));
    }

    /**
     * Connects (starting or attaching to the embedded server first when no host is set).
     *
     * @throws DatabaseUnavailableException when the server cannot be reached or started
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        EmbeddedPostgresServer embedded = null;
        String host;
        int port;
        String description;
        if (settings.embedded()) {
            try {
                embedded = EmbeddedPostgresServer.startOrAttach(settings.embeddedDir(), settings.database());
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new DatabaseUnavailableException("Cannot start the embedded PostgreSQL in "
                        + settings.embeddedDir() + ": " + e.getMessage()
                        + " (set DB_HOST to use a PostgreSQL server instead)", e);
            }
            host = "localhost";
            port = embedded.port();
            description = "embedded PostgreSQL on port " + port + ", database " + settings.database() + " (data in "
                    + embedded.cluster() + ")";
        } else {
            host = settings.host().orElseThrow();
            port = settings.port();
            description = "PostgreSQL at " + host + ":" + port + ", database " + settings.database() + ", user "
                    + settings.user();
        }
        // the server tells this pool's connections apart from other processes' by this name
        String applicationName = "che168-sync/" + ProcessHandle.current().pid() + "/" + INSTANCES.incrementAndGet();
        try {
            return new PostgresDatabase(settings, pool(settings, host, port, applicationName), embedded, description,
                    applicationName);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            if (embedded != null) {
                embedded.release(applicationName);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = String.valueOf(cause.getMessage()).strip().replaceAll("\\.+$", "");
            throw new DatabaseUnavailableException("Cannot connect to the " + description + ": " + reason
                    + (settings.embedded() ? "." : ". Check DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and DB_NAME."), e);
        }
    }

    private static HikariDataSource pool(PostgresSettings settings, String host, int port, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("che168");
        config.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/" + settings.database());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", "10");
        return new HikariDataSource(config);
    }

    /** The connection pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** jOOQ over the pool (PostgreSQL dialect). */
    public DSLContext dsl() {
        return dsl;
    }

    /** Applies pending Flyway migrations; returns how many ran. */
    public int migrate() {
        try {
            return Migrations.migrate(pool);
        } catch (FlywayException e) {
            throw new IllegalStateException("Database migration failed on the " + description + ": "
                    + e.getMessage(), e);
        }
    }

    /** The schema version applied, empty on an empty database. */
    public Optional<String> schemaVersion() {
        MigrationInfo current = Migrations.flyway(pool).info().current();
        return current == null ? Optional.empty() : Optional.of(current.getVersion().getVersion());
    }

    /** Migrations not applied yet. */
    public int pendingMigrations() {
        return Migrations.flyway(pool).info().pending().length;
    }

    /** True when this is the embedded server. */
    public boolean embedded() {
        return settings.embedded();
    }

    /** Which server and database, for messages (never the password). */
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        if (embedded != null) {
            embedded.release(applicationName);
        }
    }
}
