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
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
            String password = embedded != null ? embedded.password() : settings.password();
            firstConnection(settings, host, port, password, applicationName);
            return new PostgresDatabase(settings, pool(settings, host, port, password, applicationName), embedded,
                    description, applicationName);
        } catch (SQLException | HikariPool.PoolInitializationException | IllegalArgumentException e) {
            if (embedded != null) {
                embedded.release(applicationName);
            }
            Throwable cause = e.getCause() != null && !(e instanceof SQLException) ? e.getCause() : e;
            String reason = String.valueOf(cause.getMessage()).strip().replaceAll("\\.+$", "");
            String hint = settings.embedded() ? "."
                    : e instanceof SQLException sql && "3D000".equals(sql.getSQLState())
                    ? ". Create it (./che168 init does when DB_USER may create databases; otherwise, as a role that "
                    + "may: createdb -h " + host + " -p " + port + " -O " + settings.user() + " "
                    + settings.database() + "), or check DB_NAME."
                    : ". Check DB_HOST, DB_PORT, DB_USER, DB_PASSWORD and DB_NAME.";
            throw new DatabaseUnavailableException("Cannot connect to the " + description + ": " + reason + hint, e);
        }
    }

    /**
     * How long a server that is not up yet (connection refused, starting up) is waited for; any other answer
     * (wrong password, unknown role or database) is final at once: retrying it would only add failed logins.
     */
    private static final long START_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Opens and closes one connection, retrying only while the server is not up yet. */
    private static void firstConnection(PostgresSettings settings, String host, int port, String password,
                                        String applicationName) throws SQLException {
        Properties props = credentials(settings, password, applicationName);
        String url = jdbcUrl(settings, host, port);
        long deadline = System.nanoTime() + START_PATIENCE_NANOS;
        while (true) {
            try (Connection ignored = new org.postgresql.Driver().connect(url, props)) {
                return;
            } catch (SQLException e) {
                if (!serverNotUpYet(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Properties credentials(PostgresSettings settings, String password, String applicationName) {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "10");
        return props;
    }

    /** Connection refused / failed, or the server is starting or shutting down: worth another try. */
    private static boolean serverNotUpYet(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return "08001".equals(state) || "08006".equals(state) || "57P03".equals(state);
    }

    private static String jdbcUrl(PostgresSettings settings, String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + settings.database();
    }

    /**
     * For a first set-up on an external server: creates {@code settings.database()} when it does not exist yet and
     * the role may create databases. Does nothing for the embedded server (it creates its database itself).
     *
     * @return true when the database was created
     * @throws DatabaseUnavailableException when it is missing and the role may not create it (the message says how
     *                                      to create it), or the server refuses the connection
     */
    public static boolean createDatabaseIfMissing(PostgresSettings settings) {
        if (settings.embedded()) {
            return false;
        }
        String host = settings.host().orElseThrow();
        String where = "PostgreSQL at " + host + ":" + settings.port();
        PostgresSettings maintenance = new PostgresSettings(settings.host(), settings.port(), settings.user(),
                settings.password(), "postgres", settings.poolSize(), null);
        try {
            firstConnection(settings, host, settings.port(), settings.password(), "che168-sync/init");
            return false; // it exists
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                return false; // opening the database reports it, with its hints
            }
        }
        Properties props = credentials(settings, settings.password(), "che168-sync/init");
        try (Connection c = new org.postgresql.Driver().connect(jdbcUrl(maintenance, host, settings.port()), props);
             Statement s = c.createStatement()) {
            boolean may;
            try (ResultSet rs = s.executeQuery("SELECT rolcreatedb OR rolsuper FROM pg_roles"
                    + " WHERE rolname = current_user")) {
                may = rs.next() && rs.getBoolean(1);
            }
            if (!may) {
                throw new DatabaseUnavailableException("The database " + settings.database() + " does not exist on "
                        + "the " + where + ", and DB_USER " + settings.user() + " may not create databases. Create it "
                        + "as a role that may (createdb -h " + host + " -p " + settings.port() + " -O "
                        + settings.user() + " " + settings.database() + "), then run ./che168 init again.", null);
            }
            s.execute("CREATE DATABASE \"" + settings.database().replace("\"", "\"\"")
                    + "\" TEMPLATE template0 ENCODING 'UTF8'");
            return true;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The database " + settings.database() + " does not exist on the "
                    + where + " and could not be created as " + settings.user() + ": " + e.getMessage()
                    + ". Create it (createdb -h " + host + " -p " + settings.port() + " -O " + settings.user() + " "
                    + settings.database() + "), then run ./che168 init again.", e);
        }
    }

    private static HikariDataSource pool(PostgresSettings settings, String host, int port, String password,
                                         String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("che168");
        config.setJdbcUrl(jdbcUrl(settings, host, port));
        config.setUsername(settings.user());
        config.setPassword(password);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        // firstConnection() has just connected (and failed fast if it could not): one more attempt, no retries. The
        // pool must hold its connection from the start: the embedded server counts connections to know it is in use
        config.setInitializationFailTimeout(0);
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("socketFactory", ReadAheadSocketFactory.class.getName());
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

    /**
     * The password this pool logs in with: {@code DB_PASSWORD}, or the embedded server's own superuser password.
     * Only for client tools the product starts itself (pgbench, in their environment); never log it.
     */
    public String password() {
        return embedded != null ? embedded.password() : settings.password();
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
