package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as the operator runs it: a separate process per command, no DB_HOST, so the product uses its
 * embedded PostgreSQL under a fresh DATA_DIR.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliSystemTest {
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^\\s+(\\d+)\\s+([A-Za-z0-9]{16})$");
    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\[(INFO|WARNING|ERROR)] \\S.*");

    @TempDir
    static Path work;

    private static final List<String> issuedTokens = new ArrayList<>();

    record Run(int exit, String out, String err) {
    }

    static Run che168(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = ProductProcess.builder(work, env, List.of(), args).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished in time: " + String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Run che168(String... args) throws IOException, InterruptedException {
        return che168(Map.of(), args);
    }

    @Test
    @Order(0)
    void statusBeforeInitCreatesNothingAndSaysWhatToRun() throws Exception {
        Run run = che168("status");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("No database yet", "./che168 init").doesNotContain("Exception", "\tat ");
        assertThat(work.resolve("data/postgres")).as("status is read-only: no embedded cluster").doesNotExist();
    }

    @Test
    @Order(1)
    void initCreatesTheSchemaAndTwentyDistinctValidTokens() throws Exception {
        Run run = che168("init");
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher m = TOKEN_LINE.matcher(run.out());
        while (m.find()) {
            issuedTokens.add(m.group(2));
        }
        assertThat(issuedTokens).hasSize(20).doesNotHaveDuplicates();
        assertThat(run.out()).contains("Schema is at version");
        assertThat(work.resolve("data/postgres/cluster/PG_VERSION")).exists();
        assertThat(work.resolve("data/postgres/cluster/postmaster.pid")).as("server stopped cleanly").doesNotExist();
    }

    @Test
    @Order(2)
    void aSecondInitCreatesNone() throws Exception {
        Run run = che168("init");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("none created");
        assertThat(TOKEN_LINE.matcher(run.out()).find()).isFalse();
    }

    @Test
    @Order(3)
    void tokensListShowsThemMaskedAndInFullOnRequest() throws Exception {
        Run list = che168("tokens", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        for (String token : issuedTokens) {
            assertThat(list.out()).contains(token.substring(0, 4) + "********" + token.substring(12))
                    .doesNotContain(token);
        }
        assertThat(list.out()).contains("20 token(s), 20 active.");
        Run full = che168("tokens", "list", "--show-tokens");
        assertThat(full.out()).contains(issuedTokens);
    }

    @Test
    @Order(4)
    void describeRevokeAndCreateChangeTheList() throws Exception {
        assertThat(che168("tokens", "describe", "3", "frontend", "team").exit()).isZero();
        Run revoke = che168("tokens", "revoke", issuedTokens.get(4));
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("Revoked: token 5");
        Run create = che168("tokens", "create", "--count", "2", "--description", "partner X");
        assertThat(create.exit()).as(create.err()).isZero();
        Matcher m = TOKEN_LINE.matcher(create.out());
        assertThat(m.results().count()).isEqualTo(2);

        Run list = che168("tokens", "list");
        assertThat(list.out()).containsPattern("(?m)^\\s+3 .* active .*frontend team$")
                .containsPattern("(?m)^\\s+5 .* revoked .*$")
                .containsPattern("(?m)^\\s+22 .* active .*partner X$")
                .contains("22 token(s), 21 active.");

        Run unknown = che168("tokens", "revoke", "999");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("No API token with id 999");
        Run malformed = che168("tokens", "revoke", "not-a-token");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("neither a token id nor a 16-character token");
    }

    @Test
    @Order(5)
    void statusPrintsCounts() throws Exception {
        Run run = che168("status");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("raw_data:        0 listings (0 active, 0 removed)")
                .contains("processed_data:  0 listings")
                .contains("api_tokens:      22 (21 active)")
                .contains("Initial load:    not started")
                .contains("Daily update:    no successful day yet");
    }

    @Test
    @Order(6)
    void aBadSettingIsRefusedNamingItWithoutAStackTrace() throws Exception {
        Run run = che168(Map.of("DB_PORT", "abc"), "status");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("DB_PORT").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Order(7)
    void anUnknownCommandIsRefusedByName() throws Exception {
        Run run = che168("frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate").doesNotContain("Exception", "\tat ");
    }

    @Test
    @Order(8)
    void theLogFileHasTheRequiredFormatAndNoToken() throws Exception {
        Path log = work.resolve("logs").resolve("che168-" + LocalDate.now() + ".log");
        assertThat(log).exists();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(LOG_LINE));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("[INFO] Init: schema at version")
                .containsPattern(" \\[init pid \\d+ db che168@embedded:" + Pattern.quote(work.resolve("data/postgres")
                        .toString()) + "]$"));
        String text = String.join("\n", lines);
        for (String token : issuedTokens) {
            assertThat(text).doesNotContain(token);
        }
        assertThat(work.resolve("data/postgres/cluster/postmaster.pid")).doesNotExist();
    }

    @Test
    @Order(9)
    void aCommandUsesTheEmbeddedServerAnotherProcessRunsAndLeavesItRunning() throws Exception {
        Path pidFile = work.resolve("data/postgres/cluster/postmaster.pid");
        // this JVM plays the long-running `serve`
        try (PostgresDatabase serve = PostgresDatabase.open(PostgresSettings.embedded(work.resolve("data/postgres"),
                "che168", 2))) {
            String port = Files.readAllLines(pidFile).get(3).strip();
            Run status = che168("status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("embedded PostgreSQL on port " + port + ",")
                    .contains("api_tokens:      22 (21 active)");
            assertThat(pidFile).as("still running for the other process").exists();
            assertThat(((Number) serve.dsl().fetchValue("SELECT count(*) FROM api_tokens")).intValue()).isEqualTo(22);
        }
        assertThat(pidFile).as("the last one out stops it").doesNotExist();
    }

    @Test
    @Order(10)
    void aLoadAgainstAWrongBaseUrlStopsAtOnceNamingTheSetting() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(100).days(1)
                .build())) {
            String wrong = sandbox.baseUrl().replace("/api/v2/che168", "/api/v2/che186");
            long started = System.nanoTime();
            Run run = che168(Map.of("CHE168_BASE_URL", wrong, "CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY), "load");
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.out() + run.err()).contains("HTTP 404").contains("CHE168_BASE_URL").contains("che186")
                    .doesNotContain("\tat ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retry pauses")
                    .isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    @Order(11)
    void serveDoesNotMigrateItRefusesAnUnmigratedDatabaseNamingTheCommandToRun() throws Exception {
        Run run = che168(Map.of("DB_NAME", "never_migrated"), "serve");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("database never_migrated").contains("no che168-sync schema yet")
                .contains("./che168 migrate").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).doesNotContain("API ready");
        assertThat(work.resolve("data/postgres/cluster/postmaster.pid")).doesNotExist();
    }

    @Test
    @Order(13)
    void serveThatCannotListenStopsAtOnceNamingTheAddressAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run run = che168(Map.of("API_HOST", "127.0.0.1", "API_PORT", Integer.toString(port)), "serve");
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("127.0.0.1:" + port).contains("API_PORT").contains("API_HOST")
                    .doesNotContain("\tat ");
            assertThat(run.out()).doesNotContain("API ready");
        }
        // 192.0.2.1 (TEST-NET-1) is never an address of this machine
        Run run = che168(Map.of("API_HOST", "192.0.2.1", "API_PORT", Integer.toString(ProductProcess.freePort())),
                "serve");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("192.0.2.1:").contains("API_HOST");
        assertThat(run.out()).doesNotContain("API ready");
        assertThat(work.resolve("data/postgres/cluster/postmaster.pid")).doesNotExist();
    }

    @Test
    @Order(14)
    void anUnwritableLogDirIsRefusedAtStartNamingItsOwnerAndMode() throws Exception {
        // as DEPLOYMENT's steps once made it: a directory created by another user (root), mode 755
        Path home = Files.createTempDirectory("che168-logdir-");
        Path logs = Files.createDirectory(home.resolve("logs"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("r-xr-xr-x"));
        ProcessBuilder builder = ProductProcess.builder(home, Map.of("LOG_DIR", logs.toString()), List.of(),
                "tokens", "list");
        if ("root".equals(System.getProperty("user.name"))) {
            // root may write anywhere: run as nobody instead, when nobody can read the jar where this checkout is
            Process canRead = new ProcessBuilder("unshare", "-U", "test", "-r", ProductProcess.JAR.toString())
                    .start();
            assumeThat(canRead.waitFor()).as("SKIPPED: an unprivileged user cannot read " + ProductProcess.JAR)
                    .isZero();
            builder.command().addAll(0, List.of("unshare", "-U"));
        }
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectErrorStream(true).redirectOutput(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(err);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("LOG_DIR", logs.toString(), "is not writable by user", "mode r-xr-xr-x", "owner ")
                .doesNotContain("\tat ");
        assertThat(home.resolve("data")).as("refused before anything else").doesNotExist();

        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        Run run = che168(Map.of("LOG_DIR", file.resolve("logs").toString()), "tokens", "list");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("LOG_DIR", "cannot create the log directory " + file.resolve("logs"));
    }

    @Test
    @Order(15)
    void smallTruthsOfTheTokenCommandsAndMigrate() throws Exception {
        Run again = che168("tokens", "revoke", "5");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to do");
        Path log = work.resolve("logs").resolve("che168-" + LocalDate.now() + ".log");
        assertThat(Files.readAllLines(log)).as("revoked once, logged once")
                .filteredOn(line -> line.contains("API token 5 revoked")).hasSize(1);

        Run create = che168("tokens", "create", "--expires", "2099-12-31", "--description", "until new year");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains("valid until the end of 2099-12-31 (UTC)");
        assertThat(che168("tokens", "list").out()).containsPattern("(?m)^\\s+23 .* end of 2099-12-31 .*until new year$")
                .doesNotContain("2100-01-01");

        Run badDate = che168("tokens", "create", "--expires", "31.12.2026");
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.err()).contains("'31.12.2026' is not a date in the form YYYY-MM-DD")
                .doesNotContain("Exception");

        Run migrate = che168("migrate");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("up to date").doesNotContain("pending");
    }

    @Test
    @Order(16)
    void aSandboxMirroredAsTheSandboxSaysWithAnHonestProgressLineAndNoFailedPages() throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(100).days(2)
                .changesPerDay(20).build())) {
            Map<String, String> env = Map.of("CHE168_BASE_URL", sandbox.baseUrl(), "CHE168_API_KEY",
                    SandboxOptions.DEFAULT_API_KEY);
            Run load = che168(env, "load");
            assertThat(load.exit()).as(load.err()).isZero();
            // the feed does not tell its size: the last line has the real total, not load.estimated_total
            assertThat(load.err()).contains("Progress: 100.0% (100 / 100 records)").doesNotContain("250,000");

            Run update = che168(env, "update", "--from", sandbox.sandbox().options().firstChangeDay().toString());
            assertThat(update.exit()).as(update.err()).isZero();
            assertThat(update.err()).contains("Day " + sandbox.sandbox().options().firstChangeDay() + " applied");

            Run status = che168("status");
            assertThat(status.exit()).as(status.err()).isZero();
            // DEPLOYMENT.md: before a dump, status's "Initial load:" line says finished and 0 failed pages
            assertThat(status.out()).containsPattern("Initial load: +finished .*; 0 failed pages");
        }
    }

    @Test
    @Order(12)
    void statusDoesNotMigrateItSaysWhatIsMissingAndHowToFixIt() throws Exception {
        for (int attempt = 1; attempt <= 2; attempt++) { // a status that migrated would succeed the second time
            Run run = che168(Map.of("DB_NAME", "status_only"), "status");
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("database status_only").contains("no che168-sync schema yet")
                    .contains("./che168 migrate").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    @Order(15)
    void aDotenvHoldingASecretThatOthersCanReadIsWarnedAboutAtStartAndAnOwnerOnlyOneIsNot() throws Exception {
        Path env = work.resolve(".env");
        Files.writeString(env, "# the source's key\nCHE168_API_KEY=cli-system-test-key\n");
        try {
            Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
            Run readable = che168("status");
            assertThat(readable.exit()).as(readable.err()).isZero();
            assertThat(readable.err()).containsPattern("\\[WARNING] .*\\.env holds CHE168_API_KEY and other users can "
                    + "read it \\(mode rw-r--r--\\): run chmod 600 .*\\.env").doesNotContain("cli-system-test-key");

            Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
            Run ownerOnly = che168("status");
            assertThat(ownerOnly.exit()).as(ownerOnly.err()).isZero();
            assertThat(ownerOnly.err()).doesNotContain("WARNING", ".env");
        } finally {
            Files.delete(env);
        }
    }
}
