package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.db.testing.LocalPostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar against a PostgreSQL server as an operator has one (DB_HOST set, password authentication): a
 * throw-away server of the locally installed PostgreSQL (e.g. Debian's 15), started by the test. Skipped with a message
 * when no such installation exists.
 */
class ExternalPostgresSystemTest {
    private static final String PASSWORD = "right-password-1";

    private static LocalPostgresServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() {
        Optional<LocalPostgresServer.Installation> installation = LocalPostgresServer.findInstallation();
        assumeTrue(installation.isPresent(), "SKIPPED: no local PostgreSQL installation (e.g. /usr/lib/postgresql/15)"
                + " to start a server with password authentication");
        server = LocalPostgresServer.startWithPasswords(installation.get());
        server.psql("CREATE ROLE che168 LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        server.psql("CREATE ROLE plain LOGIN PASSWORD '" + PASSWORD + "'");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run che168(String user, String password, String database, String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", Integer.toString(server.port()));
        env.put("DB_USER", user);
        env.put("DB_PASSWORD", password);
        env.put("DB_NAME", database);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = ProductProcess.builder(work, env, List.of(), args).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished: " + String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aWrongPasswordFailsAtTheFirstAnswerWithOneFailedLogin() throws Exception {
        String failed = "password authentication failed for user \"che168\"";
        int before = count(server.serverLog(), Pattern.quote(failed));
        Run run = che168("che168", "wrong-password", "postgres", "status");

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("password authentication failed", "DB_PASSWORD").doesNotContain(
                "wrong-password", "\tat ");
        assertThat(count(server.serverLog(), Pattern.quote(failed)) - before).as("failed logins on the server")
                .isEqualTo(1);
    }

    @Test
    void initCreatesTheDatabaseWhenTheRoleMayAndNoCommandWarnsAboutTheServerVersion() throws Exception {
        Run init = che168("che168", PASSWORD, "made_by_init", "init");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Schema is at version", "Created 20 API tokens");
        assertThat(init.err()).contains("created the database made_by_init");

        Run status = che168("che168", PASSWORD, "made_by_init", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("api_tokens:      20 (20 active)");
        // jOOQ's "Version mismatch" check against PostgreSQL 15/16 is silenced; nothing else warns either
        for (String stderr : List.of(init.err(), status.err())) {
            assertThat(stderr).doesNotContain("Version mismatch", "[WARNING]", "[ERROR]");
        }
    }

    @Test
    void initSaysHowToCreateTheDatabaseWhenTheRoleMayNot() throws Exception {
        Run init = che168("plain", PASSWORD, "not_made", "init");
        assertThat(init.exit()).as(init.err()).isEqualTo(2);
        assertThat(init.err()).contains("The database not_made does not exist",
                "may not create databases", "createdb -h localhost -p " + server.port() + " -O plain not_made")
                .doesNotContain("\tat ");
        assertThat(server.psql("SELECT count(*) FROM pg_database WHERE datname = 'not_made'").strip())
                .isEqualTo("0");
    }

    @Test
    void anotherCommandOnAMissingDatabaseNamesItAndHowToCreateIt() throws Exception {
        Run status = che168("che168", PASSWORD, "never_created", "status");
        assertThat(status.exit()).as(status.err()).isEqualTo(2);
        assertThat(status.err()).contains("database \"never_created\" does not exist", "./che168 init",
                "createdb -h localhost").doesNotContain("\tat ");
        assertThat(server.psql("SELECT count(*) FROM pg_database WHERE datname = 'never_created'").strip())
                .isEqualTo("0");
    }

    @Test
    void aServerThatIsNotUpIsWaitedForThenNamed() throws Exception {
        int nothingThere = ProductProcess.freePort();
        Map<String, String> env = Map.of("DB_HOST", "localhost", "DB_PORT", Integer.toString(nothingThere),
                "DB_USER", "che168", "DB_PASSWORD", PASSWORD);
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = ProductProcess.builder(work, env, List.of(), "status").redirectErrorStream(true)
                .redirectOutput(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err)).contains("localhost:" + nothingThere, "refused", "DB_HOST");
    }
}
