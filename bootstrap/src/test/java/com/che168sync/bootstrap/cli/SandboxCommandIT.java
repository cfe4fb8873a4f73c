package com.che168sync.bootstrap.cli;

import com.che168sync.sandbox.FeedDirt;
import com.che168sync.sandbox.PoisonKind;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandIT {
    private static final String KEY = "cmd-secret-93a1";

    @TempDir
    Path dir;

    private final InProcessCli cli = new InProcessCli();

    private int run(Map<String, String> env, String... args) {
        return cli.run(dir, env, args);
    }

    @Test
    void servesTheFeedWithTheKeyFromTheEnvironmentPrintsItsCalendarAndNeverTheKey() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(run(Map.of("CHE168_API_KEY", KEY), "sandbox", "--port", "0",
                "--listings", "1000", "--days", "2", "--changes-per-day", "200", "--end-date", "2026-11-23")));
        runner.start();
        String baseUrl = awaitBaseUrl();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/offers?page=1"))
                .header("x-api-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"next_page\":2");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/offers?page=1"))
                .header("x-api-key", "sandbox").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        runner.interrupt();
        runner.join(10_000);
        assertThat(exit.get()).isZero();
        assertThat(cli.out())
                .contains("Catalogue: 1,000 listings", "Change day 2026-11-22: ids", "Change day 2026-11-23: ids",
                        "End of the change feed", "API key: from CHE168_API_KEY")
                .contains("Mirror: CHE168_BASE_URL=" + baseUrl + " ./che168 load, then the same ./che168 update "
                        + "--from 2026-11-22")
                .doesNotContain(KEY);
        assertThat(cli.err()).doesNotContain(KEY);
        try (Stream<Path> logs = Files.exists(dir.resolve("logs")) ? Files.walk(dir.resolve("logs")) : Stream.empty()) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(KEY);
            }
        }
    }

    private String awaitBaseUrl() throws InterruptedException {
        Pattern feed = Pattern.compile("Feed:\\s+(http://\\S+)");
        for (int i = 0; i < 300; i++) {
            Matcher m = feed.matcher(cli.out());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sandbox did not print its URL; out: " + cli.out() + " err: " + cli.err());
    }

    @Test
    void exportsTheGroundTruthOfADayAsJsonLines() throws Exception {
        Path file = dir.resolve("truth.jsonl");
        assertThat(run(Map.of(), "sandbox", "--listings", "400", "--days", "2", "--changes-per-day", "100",
                "--end-date", "2026-11-23", "--seed", "7", "--export-ground-truth", file.toString(),
                "--date", "2026-11-22")).isZero();
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(400).days(2).changesPerDay(100)
                .endDate(LocalDate.of(2026, 11, 23)).seed(7).build());
        List<String> expected = sandbox.groundTruth(LocalDate.of(2026, 11, 22)).map(e -> e.toJsonLine()).toList();
        assertThat(Files.readAllLines(file)).isEqualTo(expected);
        assertThat(cli.out()).contains("rows written");

        Path initial = dir.resolve("initial.jsonl");
        assertThat(run(Map.of(), "sandbox", "--listings", "400", "--days", "2", "--changes-per-day", "100",
                "--end-date", "2026-11-23", "--seed", "7", "--export-ground-truth", initial.toString(),
                "--date", "initial")).isZero();
        assertThat(Files.readAllLines(initial)).hasSize(400);
    }

    @Test
    void badOptionsAreRefusedNamingTheCulprit() {
        assertThat(run(Map.of(), "sandbox", "--error-rate", "2")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("error-rate").doesNotContain("\tat ");
        assertThat(run(Map.of(), "sandbox", "--end-date", "tomorrow")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("--end-date");
        assertThat(run(Map.of(), "sandbox", "--listings", "-5")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("listings");
        assertThat(run(Map.of(), "sandbox", "--export-ground-truth", dir.resolve("no/such/dir/x.jsonl").toString(),
                "--listings", "10", "--days", "1")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("directory does not exist");
        assertThat(run(Map.of(), "sandbox", "--poison-rate", "1.5")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("poison-rate");
        assertThat(run(Map.of(), "sandbox", "--poison-kinds", "nul,mud")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("unknown poison kind 'mud'");
        assertThat(run(Map.of(), "sandbox", "--retention-days", "-1")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("retention-days");
        assertThat(run(Map.of(), "sandbox", "--offer-error-rate", "2")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("offer-error-rate");
        assertThat(run(Map.of(), "sandbox", "--clock", "02:00")).isEqualTo(ExitCode.REFUSED);
        assertThat(cli.err()).contains("--clock");
    }

    @Test
    void aPoisonedExportIsTheTruthOfThePoisonedFeed() throws Exception {
        Path file = dir.resolve("poisoned.jsonl");
        assertThat(run(Map.of(), "sandbox", "--listings", "400", "--days", "2", "--changes-per-day", "100",
                "--end-date", "2026-11-23", "--seed", "7", "--poison-rate", "0.2", "--poison-kinds",
                "nul,lone-surrogate,no-inner-id", "--export-ground-truth", file.toString())).isZero();
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(400).days(2).changesPerDay(100)
                .endDate(LocalDate.of(2026, 11, 23)).seed(7).dirt(FeedDirt.none().withPoison(0.2,
                        EnumSet.of(PoisonKind.NUL, PoisonKind.LONE_SURROGATE, PoisonKind.NO_INNER_ID))).build());
        List<String> expected = sandbox.groundTruth(LocalDate.of(2026, 11, 23)).map(e -> e.toJsonLine()).toList();
        assertThat(Files.readAllLines(file)).isEqualTo(expected).anyMatch(l -> l.contains("\uFFFD") || l.contains("�"));
    }

    @Test
    void aSandboxWithASettableClockServesTodayAsTheClockPassesIt() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exit.set(run(Map.of(), "sandbox", "--port", "0", "--listings", "100",
                "--days", "1", "--changes-per-day", "240", "--end-date", "2026-11-23", "--live-today", "--clock",
                "2026-11-23T00:00:00+03:00", "--retention-days", "3", "--poison-rate", "0.01", "--offer-error-rate",
                "1")));
        runner.start();
        String baseUrl = awaitBaseUrl();
        String admin = baseUrl.replace("/api/v2/che168", "/__sandbox");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder changeId = HttpRequest.newBuilder(URI.create(baseUrl + "/change_id?date=2026-11-23"))
                .header("x-api-key", "sandbox");
        assertThat(http.send(changeId.build(), HttpResponse.BodyHandlers.ofString()).body())
                .as("nothing of the day has come at midnight").isEqualTo("{\"change_id\":0}");
        HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(admin
                + "/clock?now=2026-11-23T02:00:00%2B03:00")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(moved.body()).contains("\"now\":\"2026-11-22T23:00:00Z\"", "\"settable\":true");
        assertThat(http.send(changeId.build(), HttpResponse.BodyHandlers.ofString()).body())
                .isNotEqualTo("{\"change_id\":0}");
        runner.interrupt();
        runner.join(10_000);
        assertThat(exit.get()).isZero();
        assertThat(cli.out()).contains("Dirt: poison 1.0 %", "retention 3 day(s)", "events visible as the clock passes them",
                "/offer 503 100.0 %", "standing at 2026-11-22T21:00:00Z");
    }
}
