package com.che168sync.db.testing;

import com.che168sync.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one PostgreSQL every integration test uses, started once per JVM:
 * <ol>
 *   <li>an external server when {@code TEST_DB_HOST} is set (environment or system property; also
 *       {@code TEST_DB_PORT}, {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}; the user needs CREATEDB);</li>
 *   <li>else Testcontainers ({@code postgres:17}) when a Docker engine answers;</li>
 *   <li>else an embedded PostgreSQL 17 (zonky), with fsync off (tests only).</li>
 * </ol>
 * The Flyway migrations are applied once to a template database; {@link #newDatabase()} clones it,
 * so every test class gets its own migrated database and tests never see each other's rows.
 */
public final class PostgresFixture {
    private static final String TEMPLATE = "che168_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile PostgresFixture shared;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String kind;

    private PostgresFixture(String host, int port, String user, String password, String kind) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.kind = kind;
    }

    /** The server for this JVM, started (and the template migrated) on first use. */
    public static PostgresFixture shared() {
        PostgresFixture local = shared;
        if (local == null) {
            synchronized (PostgresFixture.class) {
                local = shared;
                if (local == null) {
                    local = start();
                    local.createTemplate();
                    shared = local;
                }
            }
        }
        return local;
    }

    /** A fresh database, migrated to the latest schema, for one test class (or one test). */
    public TestDatabase newDatabase() {
        String name = "che168_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new TestDatabase(host, port, name, user, password);
    }

    /** Which kind of server runs: {@code external}, {@code testcontainers} or {@code embedded}. */
    public String kind() {
        return kind;
    }

    private void createTemplate() {
        execute("postgres", "DROP DATABASE IF EXISTS " + TEMPLATE);
        execute("postgres", "CREATE DATABASE " + TEMPLATE);
        TestDatabase template = new TestDatabase(host, port, TEMPLATE, user, password);
        Migrations.migrate(template.dataSource());
        // no open connection may remain on a template database
        execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + TEMPLATE
                + "' AND pid <> pg_backend_pid()");
    }

    private void execute(String database, String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL (" + kind + "): " + e.getMessage(), e);
        }
    }

    private static PostgresFixture start() {
        String externalHost = setting("TEST_DB_HOST");
        if (externalHost != null && !externalHost.isBlank()) {
            return new PostgresFixture(externalHost,
                    Integer.parseInt(orDefault(setting("TEST_DB_PORT"), "5432")),
                    orDefault(setting("TEST_DB_USER"), "postgres"),
                    orDefault(setting("TEST_DB_PASSWORD"), ""), "external");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17")
                    .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off");
            container.start();
            return new PostgresFixture(container.getHost(), container.getFirstMappedPort(),
                    container.getUsername(), container.getPassword(), "testcontainers");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return new PostgresFixture("localhost", pg.getPort(), "postgres", "postgres", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    private static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            return false; // asking Testcontainers would log "[ERROR] Could not find a valid Docker environment"
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A Docker engine may be there: DOCKER_HOST, a Testcontainers configuration, or a Docker socket. */
    private static boolean dockerConfigured() {
        if (setting("DOCKER_HOST") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        for (Path candidate : List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
                Path.of(home, ".testcontainers.properties"), Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"))) {
            if (Files.exists(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String setting(String key) {
        String value = System.getProperty(key);
        return value != null ? value : System.getenv(key);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Connection facts of one test database. */
    public record TestDatabase(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** Unpooled data source; adapters under test may wrap it in their own pool. */
        public PGSimpleDataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {host});
            ds.setPortNumbers(new int[] {port});
            ds.setDatabaseName(name);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }

        /** The settings the product reads, pointing at this database. */
        public Map<String, String> productSettings() {
            return Map.of("DB_HOST", host, "DB_PORT", Integer.toString(port), "DB_NAME", name,
                    "DB_USER", user, "DB_PASSWORD", password);
        }
    }
}
