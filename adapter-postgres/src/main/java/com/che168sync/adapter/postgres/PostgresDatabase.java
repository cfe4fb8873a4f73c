package com.che168sync.adapter.postgres;

import com.che168sync.db.Migrations;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
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

    /**
     * Checks, without Flyway, that every migration this build ships has been applied: one query on Flyway's history
     * table, against the script names on the classpath (milliseconds, where a Flyway validate costs seconds of
     * start-up). For a server process such as {@code serve}: it never changes the schema; {@code migrate} does.
     *
     * @return the schema version applied
     * @throws SchemaNotCurrentException when the schema is missing, behind this build, or a migration failed
     */
    public String verifySchema() {
        List<MigrationVersion> shipped = Migrations.scriptVersions();
        TreeSet<MigrationVersion> applied = new TreeSet<>();
        List<String> failed = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    applied.add(MigrationVersion.fromVersion(rs.getString(1)));
                } else {
                    failed.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table: never migrated
                throw new SchemaNotCurrentException("The " + description + " has no che168-sync schema yet. Run "
                        + "./che168 migrate (or ./che168 init) first.");
            }
            throw new DatabaseUnavailableException("Cannot read the schema version from the " + description + ": "
                    + e.getMessage(), e);
        }
        if (!failed.isEmpty()) {
            throw new SchemaNotCurrentException("A database migration failed on the " + description + " (version "
                    + String.join(", ", failed) + "). Run ./che168 migrate to see the error and repair it.");
        }
        List<String> missing = shipped.stream().filter(v -> !applied.contains(v)).map(MigrationVersion::getVersion)
                .toList();
        String current = applied.isEmpty() ? "none" : applied.last().getVersion();
        if (!missing.isEmpty()) {
            throw new SchemaNotCurrentException("The schema of the " + description + " is not up to date (at version "
                    + current + "; not applied: " + String.join(", ", missing) + "). Run ./che168 migrate first.");
        }
        return current;
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
