package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.adapter.postgres.api.SyntheticListings;
import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.db.testing.PostgresFixture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code che168 serve} as an orchestrator stops it: the built jar in its own JVM against a real PostgreSQL, SIGTERM
 * while requests are in flight. The requests are held in flight on purpose: the test locks {@code processed_data},
 * so every {@code /offers/{inner_id}} request waits inside the server until the lock is released, after the signal.
 */
class ServeSystemTest {
    private static final String TOKEN = "SigTermTest12345";
    private static final int IN_FLIGHT = 6;
    private static final Duration STOP_BOUND = Duration.ofSeconds(10);
    private static final Pattern READY = Pattern.compile("^API ready on (http://\\S+) ");

    @TempDir
    Path work;

    private DataSource ds;
    private Map<String, String> settings;
    private ProductProcess.Running serve;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void database() throws SQLException {
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_tokens (token, description) VALUES ('" + TOKEN + "', 'sigterm test')");
        }
        new SyntheticListings(DSL.using(ds, SQLDialect.POSTGRES)).generate(1, 20, 0); // inner_id 900000001…
        settings = new java.util.HashMap<>(db.productSettings());
        settings.put("LOG_DIR", work.resolve("logs").toString());
        settings.put("DATA_DIR", work.resolve("data").toString());
        settings.put("API_HOST", "127.0.0.1");
    }

    @AfterEach
    void stopWhatIsLeft() {
        if (serve != null) {
            serve.process().destroyForcibly();
        }
    }

    @Test
    void sigtermLetsAcceptedRequestsFinishStopsAcceptingAndExitsZeroWithinTheBound() throws Exception {
        int port = ProductProcess.freePort();
        settings.put("API_PORT", Integer.toString(port));
        serve = ProductProcess.start(work, settings, List.of("-Xmx256m"), "serve");
        String base = serve.awaitMatch(READY, Duration.ofMinutes(2));
        assertThat(get(base + "/health", http).statusCode()).isEqualTo(200);
        // an idle keep-alive connection (a frontend's pool) must not hold the stop up
        HttpClient idle = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(base + "/health", idle).statusCode()).isEqualTo(200);

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        long signalled;
        try (Connection lock = ds.getConnection(); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("LOCK TABLE processed_data IN ACCESS EXCLUSIVE MODE");
            for (int i = 1; i <= IN_FLIGHT; i++) {
                inFlight.add(http.sendAsync(request(base + "/offers/" + (900_000_000 + i)),
                        HttpResponse.BodyHandlers.ofString()));
            }
            awaitWaitingOnTheLock(IN_FLIGHT);

            serve.process().destroy(); // SIGTERM
            signalled = System.nanoTime();
            // no new connections while the accepted requests are still running
            awaitConnectionsRefused(port);
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);
            Thread.sleep(500);
            lock.commit(); // the accepted requests can finish now
        }

        for (int i = 1; i <= IN_FLIGHT; i++) {
            HttpResponse<String> response = inFlight.get(i - 1).get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"inner_id\":\"" + (900_000_000 + i) + "\"").endsWith("}");
        }
        Process process = serve.process();
        long left = STOP_BOUND.toNanos() - (System.nanoTime() - signalled);
        assertThat(process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS))
                .as("gone within %s of SIGTERM:%n%s", STOP_BOUND, serve.output()).isTrue();
        assertThat(process.exitValue()).as(serve.output()).isZero();
        assertThat(ProcessHandle.of(process.pid())).isEmpty();
        assertThat(serve.output()).contains("Stopping the API (SIGTERM)").contains("API stopped")
                .doesNotContain("Exception", "\tat ");
        Path log = work.resolve("logs").resolve("che168-" + LocalDate.now() + ".log");
        assertThat(Files.readString(log)).contains("[INFO] Stopping the API (SIGTERM)")
                .contains("[INFO] API server stopped").contains("[INFO] API stopped").doesNotContain(TOKEN);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE token = '" + TOKEN
                     + "'")) {
            assertThat(rs.next() && rs.getBoolean(1)).as("last_used_at written at the stop").isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /**
     * Waits until {@code n} of the server's queries wait for the test's lock: the requests are in flight. Asked on a
     * connection of its own, in autocommit: a transaction sees one snapshot of pg_stat_activity.
     */
    private void awaitWaitingOnTheLock(int n) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int waiting = 0;
        while (System.nanoTime() < deadline) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                    + "current_database() AND wait_event_type = 'Lock' AND application_name LIKE 'che168-sync/%'")) {
                rs.next();
                waiting = rs.getInt(1);
            }
            if (waiting >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("only " + waiting + " of " + n + " requests reached the database within 30 s");
    }

    private static void awaitConnectionsRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server still accepts connections 5 s after SIGTERM");
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
    }

    private static HttpResponse<String> get(String url, HttpClient client) {
        try {
            return client.send(request(url), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
