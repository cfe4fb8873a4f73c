package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./che168 demo} as a user runs it: the built jar in its own process, nothing but a JDK (embedded PostgreSQL,
 * the sandbox). The mirror it builds must equal the sandbox's ground truth, the API it serves must answer the list,
 * a filtered list, a detail, the filters and the stats correctly with the token it printed, SIGTERM must end it
 * cleanly (exit 0, the embedded PostgreSQL stopped), and a second run must reuse the data and resume.
 */
class DemoSystemTest {
    private static final long LISTINGS = 1_000;
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final Pattern TOKEN = Pattern.compile("^\\s*Token:\\s+([A-Za-z0-9]{16})\\s*$");
    private static final Pattern API = Pattern.compile("^\\s*API:\\s+(http://\\S+)\\s*$");
    private static final Pattern SOURCE = Pattern.compile(
            "sandbox .* (\\d+) changes a day, seed (\\d+), change days (\\d{4}-\\d{2}-\\d{2}) to (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern LAST_EXAMPLE = Pattern.compile("curl -s \"\\S+/health\"");
    private static final Pattern DATABASE = Pattern.compile("database (che168_demo\\w*)");
    private static final Pattern READY = Pattern.compile("^Press Ctrl-C to stop");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    private ProductProcess.Running running;

    @AfterEach
    void stopWhatIsLeft() {
        if (running != null) {
            running.process().destroyForcibly();
        }
        stopEmbeddedServer();
    }

    @Test
    void demoMirrorsTheSandboxServesCorrectAnswersStopsCleanlyAndResumes() throws Exception {
        running = startDemo(ProductProcess.freePort());
        String token = running.awaitMatch(TOKEN, STARTUP);
        String api = running.awaitMatch(API, STARTUP);
        running.awaitMatch(LAST_EXAMPLE, STARTUP); // the examples are printed after the API line
        Matcher source = running.find(SOURCE).orElseThrow(() -> new AssertionError("no sandbox line:\n"
                + running.output()));
        String database = running.find(DATABASE).map(m -> m.group(1)).orElseThrow();
        running.awaitMatch(READY, STARTUP); // the curl examples are printed after the API line, before this one
        assertThat(running.output()).contains("curl", "/offers?", "/offers/", "/stats");
        assertListensOnLoopbackOnly(api);

        LocalDate lastDay = LocalDate.parse(source.group(4));
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(LISTINGS).days(2).endDate(lastDay)
                .changesPerDay(Integer.parseInt(source.group(1))).seed(Long.parseLong(source.group(2))).build());
        assertThat(sandbox.calendar().firstChangeDay()).isEqualTo(LocalDate.parse(source.group(3)));
        List<GroundTruthEntry> truth = sandbox.groundTruth(lastDay).toList();

        long activeProcessed;
        String mark;
        long markCount;
        String detailId;
        long detailPrice;
        Optional<String> removedId;
        try (Connection db = embeddedDatabase(database); Statement s = db.createStatement()) {
            // the mirror equals the sandbox's ground truth after both change days
            assertThat(single(s, "SELECT count(*) FROM raw_data")).isEqualTo(truth.size());
            assertThat(single(s, "SELECT count(*) FROM raw_data WHERE active_status = 0"))
                    .isEqualTo(truth.stream().filter(GroundTruthEntry::active).count());
            assertThat(single(s, "SELECT count(*) FROM raw_data WHERE is_processed")).isPositive();
            activeProcessed = single(s, "SELECT count(*) FROM processed_data WHERE is_active");
            assertThat(activeProcessed).isPositive();
            try (ResultSet rs = s.executeQuery("SELECT mark, count(*) FROM processed_data WHERE is_active AND mark IS"
                    + " NOT NULL GROUP BY mark ORDER BY 2 DESC, 1 LIMIT 1")) {
                rs.next();
                mark = rs.getString(1);
                markCount = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT inner_id, price FROM processed_data WHERE is_active AND price"
                    + " IS NOT NULL ORDER BY inner_id LIMIT 1")) {
                rs.next();
                detailId = rs.getString(1);
                detailPrice = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT inner_id FROM processed_data WHERE NOT is_active LIMIT 1")) {
                removedId = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }

        // no token: 401
        assertThat(get(api + "/offers?limit=1", null).statusCode()).isEqualTo(401);

        // the list: active listings only
        JsonNode list = json.readTree(ok(api + "/offers?limit=5", token));
        assertThat(list.path("result")).hasSize(5);
        assertThat(list.path("meta").path("total").asLong()).isEqualTo(activeProcessed);

        // a filtered list: every result has the mark, and all of them are there
        JsonNode filtered = json.readTree(ok(api + "/offers?limit=100&mark="
                + URLEncoder.encode(mark, StandardCharsets.UTF_8), token));
        assertThat(filtered.path("meta").path("total").asLong()).isEqualTo(markCount);
        filtered.path("result").forEach(item -> assertThat(item.path("data").path("mark").asText()).isEqualTo(mark));

        // a detail, a removed listing, an unknown one
        JsonNode detail = json.readTree(ok(api + "/offers/" + detailId, token));
        assertThat(detail.path("inner_id").asText()).isEqualTo(detailId);
        assertThat(detail.path("data").path("price").asLong()).isEqualTo(detailPrice);
        removedId.ifPresent(id -> assertThat(get(api + "/offers/" + id, token).statusCode()).isIn(404, 410));
        assertThat(get(api + "/offers/999999999999999", token).statusCode()).isEqualTo(404);

        // the filter values and the statistics
        assertThat(ok(api + "/filters", token)).contains(mark);
        JsonNode stats = json.readTree(ok(api + "/stats", token));
        assertThat(stats.path("listings").path("raw").asLong()).isEqualTo(truth.size());
        assertThat(stats.path("listings").path("active").asLong()).isEqualTo(activeProcessed);
        assertThat(stats.path("listings").path("pending_normalization").asLong()).isZero();

        // SIGTERM: a clean stop
        running.process().destroy();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        assertThat(running.process().exitValue()).as(running.output()).isZero();
        assertThat(running.output()).containsIgnoringCase("stopped").doesNotContain("Exception", "\tat ");
        assertThat(pidFile()).as("the embedded PostgreSQL stopped with the demo").doesNotExist();

        // a second run reuses the data and resumes: same token, nothing loaded again
        running = startDemo(ProductProcess.freePort());
        assertThat(running.awaitMatch(TOKEN, STARTUP)).isEqualTo(token);
        String again = running.awaitMatch(API, STARTUP);
        assertThat(running.output()).containsIgnoringCase("resum");
        assertThat(json.readTree(ok(again + "/offers?limit=1", token)).path("meta").path("total").asLong())
                .isEqualTo(activeProcessed);
        running.process().destroy();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(running.process().exitValue()).as(running.output()).isZero();
    }

    private String ok(String url, String token) {
        HttpResponse<String> response = get(url, token);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The API answers on 127.0.0.1 and refuses connections on this machine's other addresses (if it has any). */
    private static void assertListensOnLoopbackOnly(String api) throws IOException {
        URI uri = URI.create(api);
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        List<InetAddress> others = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        for (InetAddress other : others) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other, uri.getPort()), 2000);
                throw new AssertionError("the demo's API accepts connections on " + other.getHostAddress());
            } catch (IOException refused) {
                // as it should
            }
        }
    }

    private Path pidFile() {
        return home.resolve("data/postgres/cluster/postmaster.pid");
    }

    /** The demo's database, through the embedded server's port, with its superuser's password (owner-only file). */
    private Connection embeddedDatabase(String database) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(pidFile());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).trim() + "/" + database,
                "postgres", Files.readString(home.resolve("data/postgres/superuser.password")).strip());
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When a failed test left the embedded server running, stop it (smart shutdown: no client remains). */
    private void stopEmbeddedServer() {
        try {
            if (Files.exists(pidFile())) {
                long pid = Long.parseLong(Files.readAllLines(pidFile()).get(0).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the directory is deleted anyway
        }
    }

    /** The demo in its own JVM (-Xmx256m), its output (stdout and stderr) going to a file. */
    private ProductProcess.Running startDemo(int apiPort) throws IOException {
        return ProductProcess.start(home, Map.of("API_PORT", Integer.toString(apiPort)), List.of("-Xmx256m"), "demo",
                "--listings", Long.toString(LISTINGS));
    }
}
