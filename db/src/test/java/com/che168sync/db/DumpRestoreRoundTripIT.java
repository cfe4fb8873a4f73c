package com.che168sync.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.che168sync.db.testing.LocalPostgresServer;
import com.che168sync.db.testing.PgTools;
import com.che168sync.db.testing.PostgresFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code scripts/dump_db.sh} and {@code scripts/restore_db.sh} for real: a populated, migrated database is dumped
 * and restored into a fresh one, and every table must come back row for row. pg_dump cannot dump a server newer
 * than itself, so the round trip runs on the test PostgreSQL when client tools of its major version are
 * installed, else on a throw-away server of a locally installed PostgreSQL (e.g. Debian's 15, which also proves
 * the migrations on that version), else it is skipped with a message saying what is missing.
 */
class DumpRestoreRoundTripIT {
    private static final Path SCRIPTS = findScripts();
    private static final String PASSWORD_MARKER = "pw-" + UUID.randomUUID().toString().substring(0, 8);

    private static Server server;
    private static String sourceDb;
    private static Path dumpDir;
    private static Path dump;
    private static Result dumpResult;

    @TempDir
    Path work;

    @BeforeAll
    static void dumpAPopulatedDatabase() throws IOException, SQLException {
        server = Server.choose();
        sourceDb = server.createMigratedDatabase();
        populate(sourceDb);
        dumpDir = Files.createTempDirectory("che168-dump-it-");
        dump = dumpDir.resolve("che168.dump");
        dumpResult = run("dump_db.sh", sourceDb, server.bin, "--output", dump.toString());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dumpDir != null) {
            try (var files = Files.list(dumpDir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dumpDir);
        }
    }

    @Test
    void dumpWritesTheArchiveAndASidecarWithTheRowCountOfEveryTable() throws IOException {
        assertThat(dumpResult.exitCode()).as(dumpResult.output()).isZero();
        assertThat(dump).isRegularFile();
        assertThat(Path.of(dump + ".partial")).doesNotExist();
        List<String> sidecar = Files.readAllLines(Path.of(dump + ".counts"));
        assertThat(sidecar).contains("rows.raw_data=3000", "rows.processed_data=1000", "rows.api_tokens=20",
                "rows.operations_log=3", "rows.sync_state=1", "rows.load_checkpoint=1");
        assertThat(sidecar).anyMatch(line -> line.matches("sha256=[0-9a-f]{64}"));
        assertThat(sidecar).contains("server_major=" + server.major);
        // the dump holds every API token: only its owner may read it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(dump + ".counts"))))
                .isEqualTo("rw-------");
    }

    @Test
    void restoreIntoAFreshDatabaseGivesBackEveryRowAndSequence() throws Exception {
        String target = server.createEmptyDatabase();
        Result restore = run("restore_db.sh", target, server.bin, dump.toString());

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restore OK");
        assertThat(fingerprints(target)).isEqualTo(fingerprints(sourceDb));
        assertThat(sequences(target)).isEqualTo(sequences(sourceDb));
        // the restored sequences go on after the restored ids: the product can write at once
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO raw_data (inner_id, data, source) VALUES ('after-restore', '{}', 'daily_update')");
        }
    }

    @Test
    void restoreByTheDatabasesOwnerWhoIsNoSuperuserIsQuiet() throws Exception {
        // DEPLOYMENT.md: the objects belong to DB_USER, the role the product connects as (not a superuser)
        String owner = "che168_owner_" + ProcessHandle.current().pid();
        String target = server.createEmptyDatabase();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + PASSWORD_MARKER + "'");
            s.execute("ALTER DATABASE " + target + " OWNER TO " + owner);
        }
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + owner);
        }
        Map<String, String> settings = server.settings(target);
        settings.put("DB_USER", owner);
        settings.put("DB_PASSWORD", PASSWORD_MARKER);
        Result restore = run("restore_db.sh", settings, server.bin, null, dump.toString());

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restore OK").doesNotContain("WARNING", "skipping", "pg_toast");
        assertThat(fingerprints(target)).isEqualTo(fingerprints(sourceDb));

        // DEPLOYMENT.md's example of a restore's last line has the table count a restore checks
        Pattern allTables = Pattern.compile("Restore OK in \\d+ s: all (\\d+) tables");
        Matcher actual = allTables.matcher(restore.output());
        assertThat(actual.find()).as(restore.output()).isTrue();
        Matcher documented = allTables.matcher(Files.readString(SCRIPTS.getParent().resolve("docs/DEPLOYMENT.md")));
        assertThat(documented.find()).as("DEPLOYMENT.md shows a restore's last line").isTrue();
        assertThat(documented.group(1)).as("DEPLOYMENT.md's table count").isEqualTo(actual.group(1));
    }

    @Test
    void scriptsNeverPrintThePassword() {
        String target = server.createEmptyDatabase();
        Result restore = run("restore_db.sh", target, server.bin, dump.toString());

        assertThat(dumpResult.output()).doesNotContain(PASSWORD_MARKER);
        assertThat(restore.output()).doesNotContain(PASSWORD_MARKER);
    }

    @Test
    void restoreRefusesADatabaseThatAlreadyHoldsTheTables() {
        Result restore = run("restore_db.sh", sourceDb, server.bin, dump.toString());

        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(2);
        assertThat(restore.output()).contains("already holds che168-sync tables", "--clean");
    }

    @Test
    void restoreWithCleanReplacesWhatIsThere() throws Exception {
        String target = server.createMigratedDatabase();
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO raw_data (inner_id, data, source) VALUES ('stale', '{}', 'daily_update')");
        }
        Result restore = run("restore_db.sh", target, server.bin, "--clean", dump.toString());

        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(fingerprints(target)).isEqualTo(fingerprints(sourceDb));
    }

    @Test
    void restoreFailsWhenACountDiffersFromTheSidecar() throws IOException {
        Path copy = copyOfDump();
        Path sidecar = Path.of(copy + ".counts");
        Files.writeString(sidecar, Files.readString(sidecar).replace("rows.raw_data=3000", "rows.raw_data=3001"));
        Result restore = run("restore_db.sh", server.createEmptyDatabase(), server.bin, copy.toString());

        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(1);
        assertThat(restore.output()).contains("table raw_data: 3001 rows in the dump, 3000 after the restore");
    }

    @Test
    void restoreRefusesADamagedDump() throws IOException {
        Path copy = copyOfDump();
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(copy, bytes);
        Result restore = run("restore_db.sh", server.createEmptyDatabase(), server.bin, copy.toString());

        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(2);
        assertThat(restore.output()).contains("SHA-256 differs");
    }

    @Test
    void restoreRefusesAMissingFileOrSidecar() throws IOException {
        Result missing = run("restore_db.sh", sourceDb, server.bin, work.resolve("nope.dump").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("nope.dump does not exist");

        Path lonely = work.resolve("lonely.dump");
        Files.copy(dump, lonely);
        Result noSidecar = run("restore_db.sh", sourceDb, server.bin, lonely.toString());
        assertThat(noSidecar.exitCode()).isEqualTo(2);
        assertThat(noSidecar.output()).contains("lonely.dump.counts is missing");
    }

    @Test
    void dumpRefusesAnUnreachableServerNamingIt() {
        Map<String, String> env = server.settings(sourceDb);
        env.put("DB_PORT", "1");
        Result result = run("dump_db.sh", env, server.bin, null, "--output", work.resolve("x.dump").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("cannot connect to PostgreSQL at", ":1/" + sourceDb)
                .doesNotContain(PASSWORD_MARKER);
    }

    @Test
    void dumpRefusesWithoutTheToolsOrTheSettings() {
        Result noTools = run("dump_db.sh", sourceDb, work, "--output", work.resolve("x.dump").toString());
        assertThat(noTools.exitCode()).isEqualTo(2);
        assertThat(noTools.output()).contains("psql not found in PG_BIN=");

        Map<String, String> env = server.settings(sourceDb);
        env.remove("DB_HOST");
        Result noHost = run("dump_db.sh", env, server.bin, null, "--output", work.resolve("x.dump").toString());
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.output()).contains("DB_HOST is not set");
    }

    @Test
    void dumpReadsItsSettingsFromTheEnvFile() throws IOException {
        Map<String, String> settings = server.settings(sourceDb);
        StringBuilder env = new StringBuilder("# settings of the test\n");
        settings.forEach((key, value) -> env.append(key).append("=\"").append(value).append("\"\n"));
        Files.writeString(work.resolve(".env"), env);
        Result result = run("dump_db.sh", Map.of(), server.bin, work, "--output",
                work.resolve("from-env.dump").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(work.resolve("from-env.dump.counts")).isRegularFile();
    }

    @Test
    void withoutDbHostTheDumpUsesTheRunningEmbeddedServerOfDataDir() throws IOException {
        assumeTrue(server.user.equals("postgres"), "the embedded server's superuser is postgres; this server's is "
                + server.user);
        // what the product's embedded PostgreSQL leaves in DATA_DIR/postgres/cluster while it runs
        Path cluster = Files.createDirectories(work.resolve("state/postgres/cluster"));
        Files.writeString(cluster.resolve("postmaster.pid"), "12345\n" + cluster + "\n1700000000\n" + server.port
                + "\n/tmp\nlocalhost\n");
        // and the superuser's password it keeps beside the cluster: the script logs in with it
        Files.writeString(cluster.resolveSibling("superuser.password"), server.password + "\n");
        Result result = run("dump_db.sh", Map.of("DATA_DIR", work.resolve("state").toString(), "DB_NAME", sourceDb),
                server.bin, work, "--output", work.resolve("embedded.dump").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("using the embedded PostgreSQL running under", "(port " + server.port + ")")
                .doesNotContain(server.password);

        Files.delete(cluster.resolve("postmaster.pid"));
        Result stopped = run("dump_db.sh", Map.of("DATA_DIR", work.resolve("state").toString()), server.bin, work,
                "--output", work.resolve("stopped.dump").toString());
        assertThat(stopped.exitCode()).isEqualTo(2);
        assertThat(stopped.output()).contains("embedded", "it is not running", "./che168 serve");
    }

    @Test
    void bothScriptsTakeTheirSettingsFilesAsOptionsFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Path envFile = elsewhere.resolve("prod.env");
        StringBuilder env = new StringBuilder();
        server.settings(sourceDb).forEach((key, value) -> env.append(key).append('=').append(value).append('\n'));
        Files.writeString(envFile, env);
        Path dumped = work.resolve("by-options.dump");
        Result dumpRun = run("dump_db.sh", Map.of(), server.bin, null, "--env-file", envFile.toString(), "-o",
                dumped.toString());
        assertThat(dumpRun.exitCode()).as(dumpRun.output()).isZero();

        String target = server.createEmptyDatabase();
        Path yaml = elsewhere.resolve("che168.yaml");
        Files.writeString(yaml, "database:\n  host: %s\n  port: %d\n  user: %s\n  name: %s\n"
                .formatted(server.host, server.port, server.user, target));
        Result restoreRun = run("restore_db.sh", Map.of("DB_PASSWORD", server.password), server.bin, null,
                "--config=" + yaml, dumped.toString());
        assertThat(restoreRun.exitCode()).as(restoreRun.output()).isZero();
        assertThat(restoreRun.output()).contains(":" + server.port + "/" + target, "Restore OK");
        assertThat(fingerprints(target)).isEqualTo(fingerprints(sourceDb));

        Result noValue = run("restore_db.sh", Map.of(), server.bin, null, "--env-file");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.output()).contains("--env-file needs a file name");
    }

    @Test
    void dumpReadsTheDatabaseSectionOfConfigYamlBelowTheEnvironment() throws IOException {
        Files.writeString(work.resolve("config.yaml"), """
                data_dir: ./data
                database:
                  host: "%s"      # the server
                  port: %d
                  user: %s
                  name: 'no_such_database'
                  pool_size: 10
                api:
                  port: 8080
                """.formatted(server.host, server.port, server.user));
        Result result = run("dump_db.sh", Map.of("DB_NAME", sourceDb, "DB_PASSWORD", server.password), server.bin,
                work, "--output", work.resolve("from-yaml.dump").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("@" + server.host + ":" + server.port + "/" + sourceDb);
    }

    @Test
    void dumpRefusesAPgDumpOlderThanTheServer() throws SQLException {
        PostgresFixture.TestDatabase newest = PostgresFixture.shared().newDatabase();
        int newestMajor;
        try (Connection c = DriverManager.getConnection(newest.jdbcUrl(), newest.user(), newest.password())) {
            newestMajor = majorOf(c);
        }
        Optional<LocalPostgresServer.Installation> older = LocalPostgresServer.findInstallation()
                .filter(installation -> installation.major() < newestMajor);
        assumeTrue(older.isPresent(), "no PostgreSQL client tools older than the test PostgreSQL (" + newestMajor
                + ") are installed: the version check is not exercised here");
        Map<String, String> env = new HashMap<>(newest.productSettings());
        Result result = run("dump_db.sh", env, older.get().bin(), null, "--output", work.resolve("x.dump").toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("pg_dump cannot dump a newer server",
                "postgresql-client-" + newestMajor);
    }

    private Path copyOfDump() throws IOException {
        Path copy = work.resolve("copy.dump");
        Files.copy(dump, copy);
        Files.copy(Path.of(dump + ".counts"), Path.of(copy + ".counts"));
        return copy;
    }

    private static void populate(String database) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO raw_data (inner_id, api_id, change_type, created_at, data, source, active_status,
                                          is_processed, last_change_id)
                    SELECT 'c' || g, g, CASE WHEN g % 10 = 0 THEN 'removed' ELSE 'added' END,
                           timestamptz '2026-11-01 08:00:00+08' + g * interval '1 minute',
                           jsonb_build_object('inner_id', 'c' || g, 'mark', (ARRAY['奥迪', '宝马', 'Kia'])[1 + g % 3],
                                              'price', (50000 + g)::text, 'description', repeat('车况良好，无事故。', 20),
                                              'images', '["https://img.che168.com/1.jpg"]', 'km_age', '暂无'),
                           CASE WHEN g % 2 = 0 THEN 'initial_load' ELSE 'daily_update' END,
                           CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END, g % 3 = 0, CASE WHEN g % 5 = 0 THEN g END
                    FROM generate_series(1, 3000) g""");
            s.executeUpdate("""
                    INSERT INTO processed_data (inner_id, is_active, mark, model, year, price, km_age, city,
                                                normalized_data, normalizer_version)
                    SELECT inner_id, active_status = 0, data->>'mark', 'A4L', 2015 + (id % 8)::int,
                           (data->>'price')::bigint, (1000 * id)::int, '北京', data, 1
                    FROM raw_data WHERE is_processed""");
            s.executeUpdate("INSERT INTO api_tokens (token, description) SELECT substr(md5(g::text), 1, 16),"
                    + " 'frontend ' || g FROM generate_series(1, 20) g");
            s.executeUpdate("""
                    INSERT INTO operations_log (operation_type, started_at, duration, status, details) VALUES
                      ('initial_load', '2026-11-20 01:00:00+00', 3600.5, 'OK', 'pages 150, records 3000'),
                      ('data_fetch', '2026-11-22 02:00:00+00', 8.25, 'ERROR', 'day 2026-11-22: 源站 503 after 20 tries'),
                      ('normalization', '2026-11-22 02:01:00+00', 0.75, 'OK', 'records 1000, failed 0')""");
            s.executeUpdate("INSERT INTO sync_state (last_successful_date, last_change_id) VALUES ('2026-11-21', 987654)");
            s.executeUpdate("INSERT INTO load_checkpoint (load_start_date, last_page, pages_loaded, finished_at)"
                    + " VALUES ('2026-11-20', 150, 150, '2026-11-20 02:00:00+00')");
        }
    }

    /** Per table of the public schema: row count and an MD5 over all rows in a stable order. */
    private static Map<String, String> fingerprints(String database) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, "
                        + "E'\\n' ORDER BY t::text), '')) FROM public.\"" + table + "\" t")) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        }
        assertThat(result).containsKeys("raw_data", "processed_data", "api_tokens", "operations_log", "sync_state");
        return result;
    }

    private static Map<String, Long> sequences(String database) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sequencename, last_value FROM pg_sequences"
                        + " WHERE schemaname = 'public'")) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    private static int majorOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    private static Result run(String script, String database, Path pgBin, String... args) {
        return run(script, server.settings(database), pgBin, null, args);
    }

    /** Runs a script like an operator would, with only the given settings (no .env unless the test writes one). */
    private static Result run(String script, Map<String, String> settings, Path pgBin, Path cwd, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // an empty working directory unless the test gives one: no stray .env is read
            builder.directory((cwd != null ? cwd : Files.createTempDirectory("che168-script-cwd-")).toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("DB_") || key.startsWith("PG"));
            env.putAll(settings);
            if (pgBin != null) {
                env.put("PG_BIN", pgBin.toString());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in 300 s: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findScripts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/dump_db.sh"))) {
                return dir.resolve("scripts");
            }
        }
        throw new IllegalStateException("scripts/dump_db.sh not found above " + Path.of("").toAbsolutePath());
    }

    private record Result(int exitCode, String output) {
    }

    /** The PostgreSQL the round trip runs on, and the directory of client tools of its major version. */
    private static final class Server implements AutoCloseable {
        private final String host;
        private final int port;
        private final String user;
        private final String password;
        private final int major;
        private final Path bin;
        private final LocalPostgresServer local;
        private int counter;

        private Server(String host, int port, String user, String password, int major, Path bin,
                LocalPostgresServer local) {
            this.host = host;
            this.port = port;
            this.user = user;
            this.password = password;
            this.major = major;
            this.bin = bin;
            this.local = local;
        }

        static Server choose() throws SQLException {
            PostgresFixture.TestDatabase probe = PostgresFixture.shared().newDatabase();
            int major;
            try (Connection c = DriverManager.getConnection(probe.jdbcUrl(), probe.user(), probe.password())) {
                major = majorOf(c);
            }
            Optional<Path> tools = PgTools.clientToolsOf(major);
            if (tools.isPresent()) {
                // embedded/local test servers use trust authentication: any password works, so use a recognisable one
                boolean trust = PostgresFixture.shared().kind().equals("embedded");
                System.out.printf("dump/restore round trip on the test PostgreSQL %d with the tools in %s%n", major,
                        tools.get());
                return new Server(probe.host(), probe.port(), probe.user(),
                        trust ? PASSWORD_MARKER : probe.password(), major, tools.get(), null);
            }
            Optional<LocalPostgresServer.Installation> installation = LocalPostgresServer.findInstallation();
            assumeTrue(installation.isPresent(), "SKIPPED dump/restore round trip: the test PostgreSQL is version "
                    + major + " and no pg_dump " + major + " is installed (the embedded PostgreSQL ships no"
                    + " pg_dump), nor a local PostgreSQL server with its client tools (e.g. /usr/lib/postgresql/N/bin)."
                    + " Install postgresql-client-" + major + " or set PG_BIN to run it.");
            LocalPostgresServer started = LocalPostgresServer.start(installation.get());
            System.out.printf("dump/restore round trip on a local PostgreSQL %d (%s): no pg_dump %d for the"
                    + " test PostgreSQL is installed%n", started.major(), started.bin(), major);
            return new Server("localhost", started.port(), "postgres", PASSWORD_MARKER, started.major(),
                    started.bin(), started);
        }

        String createEmptyDatabase() {
            String name = "che168_dump_it_" + ProcessHandle.current().pid() + "_" + (++counter);
            try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
            }
            return name;
        }

        String createMigratedDatabase() {
            String name = createEmptyDatabase();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl("jdbc:postgresql://" + host + ":" + port + "/" + name);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            Migrations.migrate(dataSource);
            return name;
        }

        Connection connect(String database) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, user,
                    password);
        }

        Map<String, String> settings(String database) {
            Map<String, String> env = new HashMap<>();
            env.put("DB_HOST", host);
            env.put("DB_PORT", Integer.toString(port));
            env.put("DB_USER", user);
            env.put("DB_PASSWORD", password);
            env.put("DB_NAME", database);
            return env;
        }

        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
        }
    }
}
