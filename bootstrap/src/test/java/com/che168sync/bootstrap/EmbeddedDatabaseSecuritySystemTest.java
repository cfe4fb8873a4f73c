package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.postgres.EarlierReleaseCluster;
import com.che168sync.adapter.postgres.SuperuserLogin;
import com.che168sync.adapter.postgres.api.SyntheticListings;
import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.db.Migrations;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded PostgreSQL under {@code che168 serve} (the built jar, no DB_HOST) lets no one in without its superuser's
 * password, over TCP nor over its unix socket, while the product itself logs in with it unseen; and a data directory
 * of an earlier release, whose cluster trusted every local connection, is switched over by the next start with its
 * data kept.
 */
class EmbeddedDatabaseSecuritySystemTest {
    private static final Pattern READY = Pattern.compile("^API ready on (http://\\S+) ");
    private static final String TOKEN = "EarlierRelease01";

    @TempDir
    Path work;

    private Map<String, String> env;
    private ProductProcess.Running serve;

    @BeforeEach
    void settings() throws IOException {
        env = new HashMap<>(Map.of("DATA_DIR", work.resolve("data").toString(), "LOG_DIR",
                work.resolve("logs").toString(), "API_HOST", "127.0.0.1", "API_PORT",
                Integer.toString(ProductProcess.freePort())));
    }

    @AfterEach
    void stopWhatIsLeft() throws IOException {
        if (serve != null) {
            serve.process().destroyForcibly();
        }
        Path pidFile = cluster().resolve("postmaster.pid");
        if (Files.exists(pidFile)) { // a failed test left the server running: smart shutdown
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void underServeTheEmbeddedDatabaseLetsInOnlyWithItsOwnerOnlyPassword() throws Exception {
        Run init = run("init");
        assertThat(init.exit()).as(init.output()).isZero();
        serve = ProductProcess.start(work, env, List.of("-Xmx256m"), "serve");
        serve.awaitMatch(READY, Duration.ofMinutes(2));

        Path passwordFile = work.resolve("data/postgres/superuser.password");
        String password = Files.readString(passwordFile).strip();
        assertThat(password).matches("[A-Za-z0-9]{40}");
        assertThat(mode(passwordFile)).isEqualTo("rw-------");
        assertThat(mode(work.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(work.resolve("data/postgres"))).isEqualTo("rwx------");
        assertThat(Files.readString(cluster().resolve("pg_hba.conf")).lines()
                .filter(l -> !l.isBlank() && !l.strip().startsWith("#")))
                .isNotEmpty().allMatch(rule -> rule.strip().endsWith("scram-sha-256"));

        SuperuserLogin login = SuperuserLogin.to(cluster());
        login.assertRefusedWithout(password);
        try (Connection tcp = login.tcp("che168", password); Connection socket = login.socket("che168", password)) {
            assertThat(count(tcp, "SELECT count(*) FROM api_tokens")).isEqualTo(20);
            assertThat(count(socket, "SELECT count(*) FROM api_tokens")).isEqualTo(20);
        }

        // a second process shares the running server, logging in with the same password
        Run status = run("status");
        assertThat(status.exit()).as(status.output()).isZero();
        stopServe();
        assertThat(init.output() + status.output() + serve.output() + logs()).doesNotContain(password);
    }

    @Test
    void aTrustDataDirectoryOfAnEarlierReleaseIsSwitchedOverByServeAndKeepsItsData() throws Exception {
        try (EarlierReleaseCluster old = EarlierReleaseCluster.start(work.resolve("data/postgres"), "che168")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://localhost:" + old.port() + "/che168");
            ds.setUser("postgres"); // no password: that release trusted every local connection
            Migrations.migrate(ds);
            new SyntheticListings(DSL.using(ds, SQLDialect.POSTGRES)).generate(1, 30, 0);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO api_tokens (token, description) VALUES ('" + TOKEN + "', 'kept')");
            }
            old.stop();
        }

        serve = ProductProcess.start(work, env, List.of("-Xmx256m"), "serve");
        String api = serve.awaitMatch(READY, Duration.ofMinutes(2));
        assertThat(serve.output()).contains("let local connections in without a password; it now requires");
        HttpResponse<String> offers = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api + "/offers?limit=1")).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(offers.statusCode()).as(offers.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(offers.body()).path("meta").path("total").asLong()).isEqualTo(30);

        String password = Files.readString(work.resolve("data/postgres/superuser.password")).strip();
        assertThat(mode(work.resolve("data/postgres/superuser.password"))).isEqualTo("rw-------");
        SuperuserLogin login = SuperuserLogin.to(cluster());
        login.assertRefusedWithout(password);
        try (Connection c = login.socket("che168", password)) {
            assertThat(count(c, "SELECT count(*) FROM processed_data")).isEqualTo(30);
        }
        assertThat(Files.readString(cluster().resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
        stopServe();
        assertThat(serve.output() + logs()).doesNotContain(password);
    }

    private Path cluster() {
        return work.resolve("data/postgres/cluster");
    }

    private void stopServe() throws InterruptedException {
        serve.process().destroy();
        assertThat(serve.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.process().exitValue()).as(serve.output()).isZero();
        assertThat(cluster().resolve("postmaster.pid")).as("the server stopped with the last user").doesNotExist();
    }

    private record Run(int exit, String output) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, args[0] + "-", ".out");
        Process process = ProductProcess.builder(work, env, List.of("-Xmx256m"), args).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished in time", args[0]).isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private String logs() throws IOException {
        return Files.readString(work.resolve("logs").resolve("che168-" + LocalDate.now() + ".log"));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
