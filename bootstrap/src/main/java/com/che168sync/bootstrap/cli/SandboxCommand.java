package com.che168sync.bootstrap.cli;

import com.che168sync.bootstrap.logging.SecretMasker;
import com.che168sync.sandbox.FeedDirt;
import com.che168sync.sandbox.PoisonKind;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxClock;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.che168sync.sandbox.SiteDrift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code che168 sandbox}: serves the fake che168 feed until stopped (Ctrl-C), or writes a ground-truth file and
 * exits. Prints its calendar at start; never prints the key.
 */
@Command(name = "sandbox", sortOptions = false,
        description = "Run the sandbox: a faithful fake of the source feed, for demos, tests and benchmarks.",
        footer = {"", "Point the product at it (and give it the same CHE168_API_KEY):",
                "  CHE168_BASE_URL=http://127.0.0.1:PORT/api/v2/che168",
                "To mirror it: ./che168 load, then ./che168 update --from FIRST_CHANGE_DAY",
                "(/offers serves the catalogue before the first change day, which the",
                "banner prints; a plain update would start at the day of the load and",
                "skip the change days). With --live-site: ./che168 load, then ./che168 update.",
                "See docs/sandbox.md."})
public final class SandboxCommand extends AppCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8168",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--listings", paramLabel = "N", defaultValue = "250000",
            description = "Catalogue size served by /offers (default: ${DEFAULT-VALUE}).")
    long listings;

    @Option(names = "--days", paramLabel = "N", defaultValue = "3",
            description = "Change days: the N days ending on the end date (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD",
            description = "Last change day (default: today, Moscow time).")
    String endDate;

    @Option(names = "--changes-per-day", paramLabel = "N", defaultValue = "15000",
            description = "Mean number of change events a day, ±10 %% (default: ${DEFAULT-VALUE}).")
    int changesPerDay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the data and of the fault sequence (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Key the feed accepts (default: CHE168_API_KEY, else 'sandbox'). Never printed.")
    String apiKey;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0",
            description = "Time from a feed request's arrival to its answer; building the page happens inside it"
                    + " (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--error-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of requests answered 500/502 with an HTML page, 0..1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--rate-limit-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of requests answered 429 with Retry-After, 0..1 (default: ${DEFAULT-VALUE}).")
    double rateLimitRate;

    @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "1",
            description = "Retry-After sent with a 429, in seconds (default: ${DEFAULT-VALUE}).")
    int retryAfter;

    @Option(names = "--stall-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of requests held for --stall-ms before answering, 0..1 (default: ${DEFAULT-VALUE}).")
    double stallRate;

    @Option(names = "--stall-ms", paramLabel = "MS", defaultValue = "90000",
            description = "How long a stalled request is held (default: ${DEFAULT-VALUE}, past the client's timeout).")
    long stallMs;

    @Option(names = "--truncate-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of requests answered 200 with a cut JSON body, 0..1 (default: ${DEFAULT-VALUE}).")
    double truncateRate;

    @Option(names = "--broken-meta-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of /offers and /changes answers with a broken meta, 0..1 (default: ${DEFAULT-VALUE}).")
    double brokenMetaRate;

    @Option(names = "--live-site", description = "Serve the site as it is now: /offers and /offer with every change"
            + " event up to the current time applied (default: /offers = the catalogue before the first change day).")
    boolean liveSite;

    @Option(names = "--missed-share", paramLabel = "RATE", defaultValue = "0",
            description = "Share of change events (any type, chosen by seed) that happen on the site but never appear"
                    + " in /changes, 0..1 (default: ${DEFAULT-VALUE}).")
    double missedShare;

    @Option(names = "--shift-every", paramLabel = "N", defaultValue = "0",
            description = "With --live-site: every N-th /offers page served moves a listing from just ahead of the"
                    + " page asked for to the top, so a running scan misses it (default: ${DEFAULT-VALUE} = never).")
    int shiftEvery;

    @Option(names = "--offer-error-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of /offer requests (only those) answered 503, 0..1; 1 = a dead /offer"
                    + " (default: ${DEFAULT-VALUE}).")
    double offerErrorRate;

    @Option(names = "--poison-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Share of /offers items, /changes events and /offer answers (chosen by seed) carrying dirt"
                    + " the real feed sends: NUL, lone surrogates, a 2 MB text, a data that is not an object, no"
                    + " inner_id, a bad created_at; 0..1 (default: ${DEFAULT-VALUE}).")
    double poisonRate;

    @Option(names = "--poison-kinds", paramLabel = "KIND,…", defaultValue = "all",
            description = "The dirt injected: all, or some of nul, lone-surrogate, reversed-surrogates, huge-text,"
                    + " data-not-object, no-inner-id, bad-created-at (default: ${DEFAULT-VALUE}).")
    String poisonKinds;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "0",
            description = "/change_id answers {\"change_id\": 0} for dates more than N days before the last change"
                    + " day, as the real feed does for days it no longer has (default: ${DEFAULT-VALUE} = keep all).")
    int retentionDays;

    @Option(names = "--live-today", description = "Change events become visible (/changes, /change_id) only once the"
            + " sandbox clock has passed their created_at: a run at 02:00 sees the night's events.")
    boolean liveToday;

    @Option(names = "--clock", paramLabel = "INSTANT",
            description = "Start the sandbox clock (--live-site, --live-today) at INSTANT, e.g."
                    + " 2026-11-23T02:00:00+03:00; it stands still until POST /__sandbox/clock?now=… moves it"
                    + " (default: the system clock).")
    String clock;

    @Option(names = "--export-ground-truth", paramLabel = "FILE",
            description = "Write the ground truth of --date as JSON lines to FILE and exit (no server).")
    Path exportGroundTruth;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD|initial",
            description = "Day of the exported ground truth (default: the last change day; 'initial' = the state "
                    + "before the first change day).")
    String date;

    /** Released by the shutdown hook (Ctrl-C, SIGTERM) or a test's interrupt. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        SandboxOptions options = options();
        if (exportGroundTruth != null) {
            return export(options);
        }
        if (date != null) {
            throw new RefusedException("--date is only used with --export-ground-truth");
        }
        long started = System.nanoTime();
        SandboxServer server;
        try {
            server = SandboxServer.start(options);
        } catch (IllegalStateException e) {
            throw new RefusedException("sandbox: " + e.getMessage() + "; choose another --port");
        }
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "che168-sandbox-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            printStart(server, (System.nanoTime() - started) / 1_000_000);
            stopped.await();
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook closes the server anyway
            }
        }
    }

    private SandboxOptions options() {
        String key = apiKey != null ? apiKey : settings().source().apiKey().orElse(SandboxOptions.DEFAULT_API_KEY);
        if (key.isBlank()) {
            throw new RefusedException("--api-key must not be empty");
        }
        SecretMasker.global().addSecret(key);
        try {
            SandboxFaults faults = new SandboxFaults(latencyMs, errorRate, rateLimitRate, retryAfter, stallRate, stallMs,
                    truncateRate, brokenMetaRate, offerErrorRate);
            FeedDirt dirt = new FeedDirt(poisonRate, PoisonKind.parse(poisonKinds), retentionDays, liveToday);
            return SandboxOptions.builder()
                    .host(host).port(port).listings(listings).days(days).endDate(parseDate("--end-date", endDate))
                    .changesPerDay(changesPerDay).seed(seed).apiKey(key).clock(sandboxClock()).faults(faults)
                    .site(new SiteDrift(liveSite, missedShare, shiftEvery)).dirt(dirt)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new RefusedException("sandbox: " + e.getMessage());
        }
    }

    private Clock sandboxClock() {
        if (clock == null) {
            return Clock.systemUTC();
        }
        try {
            return new SandboxClock(OffsetDateTime.parse(clock.trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw new RefusedException("--clock must be an instant like 2026-11-23T02:00:00+03:00, got '" + clock + "'");
        }
    }

    private int export(SandboxOptions options) {
        Sandbox sandbox = Sandbox.create(options);
        LocalDate day;
        if (date == null) {
            day = options.lastChangeDay();
        } else if (date.equalsIgnoreCase("initial")) {
            day = options.firstChangeDay().minusDays(1);
        } else {
            day = parseDate("--date", date);
        }
        Path file = exportGroundTruth.toAbsolutePath();
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new RefusedException("--export-ground-truth: directory does not exist: " + parent);
        }
        try {
            long t = System.nanoTime();
            long rows = sandbox.writeGroundTruth(day, file);
            out().printf(Locale.ROOT, "Ground truth at the end of %s%s: %,d rows written to %s in %.1f s%n", day,
                    day.isBefore(options.firstChangeDay()) ? " (before the first change day)" : "", rows, file,
                    (System.nanoTime() - t) / 1e9);
            out().flush();
            return ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            throw new RefusedException("--export-ground-truth: cannot write " + file + ": " + e.getMessage());
        }
    }

    private void printStart(SandboxServer server, long startMillis) {
        var o = out();
        server.calendar().describe().forEach(o::println);
        SandboxFaults f = server.sandbox().options().faults();
        o.printf(Locale.ROOT, "Faults: latency %d ms, 5xx %.1f %%, 429 %.1f %% (Retry-After %d s), stalls %.1f %% (%d ms),"
                        + " truncated %.1f %%, broken meta %.1f %%; seed %d%n", f.latencyMs(), f.errorRate() * 100,
                f.rateLimitRate() * 100, f.retryAfterSeconds(), f.stallRate() * 100, f.stallMs(), f.truncateRate() * 100,
                f.brokenMetaRate() * 100, server.sandbox().options().seed());
        SiteDrift site = server.sandbox().options().site();
        if (site.liveCatalogue() || site.missedShare() > 0) {
            o.printf(Locale.ROOT, "Site: %s; %,d change events missed by the feed (%.1f %%); %s%n",
                    site.liveCatalogue() ? "live (/offers and /offer serve the site as it is now)"
                            : "/offers serves the catalogue before the first change day",
                    server.sandbox().missedEvents(), site.missedShare() * 100,
                    site.shiftEveryPages() > 0 ? "a listing moves to the top every " + site.shiftEveryPages()
                            + " /offers pages" : "no listing moves while a scan runs");
        }
        FeedDirt dirt = server.sandbox().options().dirt();
        if (dirt.poisoned() || dirt.retentionDays() > 0 || dirt.liveToday() || f.offerErrorRate() > 0) {
            o.printf(Locale.ROOT, "Dirt: poison %.1f %% (%s), retention %s, %s, /offer 503 %.1f %%; clock %s%n",
                    dirt.poisonRate() * 100, PoisonKind.names(dirt.poisonKinds()),
                    dirt.retentionDays() > 0 ? dirt.retentionDays() + " day(s)" : "all days",
                    dirt.liveToday() ? "events visible as the clock passes them" : "every event visible at once",
                    f.offerErrorRate() * 100, server.sandbox().options().clock() instanceof SandboxClock
                            ? "standing at " + server.sandbox().options().clock().instant()
                            + " (POST " + server.adminUrl() + "/clock?now=… moves it)" : "the system clock");
        }
        o.println("API key: " + keySource() + " (send it as the x-api-key header)");
        o.println("Feed:  " + server.baseUrl());
        o.println("Tools: " + server.adminUrl() + "/calendar, " + server.adminUrl() + "/ground-truth?date=YYYY-MM-DD, "
                + server.adminUrl() + "/site-truth" + (dirt.poisoned() ? ", " + server.adminUrl() + "/poisoned" : "")
                + (server.sandbox().options().clock() instanceof SandboxClock ? ", " + server.adminUrl() + "/clock" : ""));
        o.printf(Locale.ROOT, "Sandbox ready in %d ms. Stop with Ctrl-C.%n", startMillis);
        o.println("Try:   curl -H \"x-api-key: $CHE168_API_KEY\" '" + server.baseUrl() + "/offers?page=1'");
        mirrorSteps(server.baseUrl(), server.sandbox().options()).forEach(o::println);
        o.flush();
    }

    /** What to run to mirror this sandbox (kept in one place: the sandbox's site modes may change). */
    static List<String> mirrorSteps(String baseUrl, SandboxOptions options) {
        String env = "CHE168_BASE_URL=" + baseUrl;
        if (options.site().liveCatalogue()) {
            return List.of("Mirror: " + env + " ./che168 load, then the same ./che168 update",
                    "       (/offers serves the site as it is now)");
        }
        return List.of("Mirror: " + env + " ./che168 load, then the same ./che168 update --from "
                        + options.firstChangeDay(),
                "       (/offers serves the catalogue before " + options.firstChangeDay() + ": a plain update would "
                        + "start at the day of the load and skip the change days)");
    }

    private String keySource() {
        if (apiKey != null) {
            return "from --api-key";
        }
        return settings().source().apiKey().isPresent() ? "from CHE168_API_KEY" : "the default one (docs/sandbox.md)";
    }

    private static LocalDate parseDate(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new RefusedException(option + " must be a date like 2026-11-23, got '" + text + "'");
        }
    }
}
