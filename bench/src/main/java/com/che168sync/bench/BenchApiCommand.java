package com.che168sync.bench;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.adapter.postgres.api.JooqOfferSearchRepository;
import com.che168sync.adapter.postgres.api.SyntheticListings;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.api.OfferCursorCodec;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.bootstrap.cli.AppCommand;
import com.che168sync.bootstrap.cli.ExitCode;
import com.che168sync.bootstrap.cli.RefusedException;
import com.che168sync.bootstrap.config.DbConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code che168 bench api}: the API against its physical limit (SPEC §8). In a scratch database
 * ({@value #BENCH_DB}) on the configured server it generates the listings (synthetic, ~2.5 KB normalized records),
 * starts {@code che168 serve} as a separate process with {@code -Xmx256m} (its start time is measured), and runs
 * each scenario twice for the same time: N concurrent keep-alive HTTP clients against the server, then pgbench with
 * the same N clients on the SQL the server runs for that request. Reports p50/p99 latency, requests/s, pgbench
 * TPS and the ratio, and writes them to the "bench api" section of docs/PERFORMANCE.md.
 */
@Command(name = "api", description = "Benchmark the public API (8 concurrent clients on loopback, a filtered first "
        + "page and a deep cursor page) against pgbench on the same SQL; writes docs/PERFORMANCE.md.")
public final class BenchApiCommand extends AppCommand {
    static final String BENCH_DB = "che168_bench_api";
    private static final Logger LOG = LoggerFactory.getLogger(BenchApiCommand.class);
    private static final String START = "<!-- bench api: start -->";
    private static final String END = "<!-- bench api: end -->";
    private static final int WARM_UP_SECONDS = 5;
    private static final int START_RUNS = 5;

    @Option(names = "--listings", defaultValue = "250000", description = "Listings in the scratch database "
            + "(default ${DEFAULT-VALUE}).")
    private int listings;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per run (default "
            + "${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--pgbench", paramLabel = "PATH", description = "pgbench to use (default: on PATH, else "
            + "/usr/lib/postgresql/*/bin/pgbench).")
    private Path pgbench;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "docs/PERFORMANCE.md",
            description = "Where to write the results (default ${DEFAULT-VALUE}); '-' to only print them.")
    private String report;

    private record Scenario(String name, String path, String sql) {
    }

    private record Run(long requests, long errors, double perSecond, double p50Millis, double p99Millis,
                       double maxMillis) {
    }

    @Override
    public Integer call() throws Exception {
        if (listings < 1000 || clients < 1 || clients > 256 || seconds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--listings >= 1000, --clients 1..256 and --seconds >= 1 are required");
        }
        Path pgbenchBinary = findPgbench();
        DbConfig db = settings().db();
        PostgresDatabase main = app().database();
        ensureDatabase(main.dsl());
        PostgresSettings benchSettings = db.embedded()
                ? PostgresSettings.embedded(db.embeddedDataDir(), BENCH_DB, 4)
                : PostgresSettings.external(db.host().orElseThrow(), db.port(), db.user(), db.password(), BENCH_DB, 4);
        try (PostgresDatabase bench = PostgresDatabase.open(benchSettings)) {
            bench.migrate();
            DSLContext dsl = bench.dsl();
            prepareListings(dsl);
            String token = benchToken(dsl);
            int pgPort = dsl.resultQuery("SELECT inet_server_port()").fetchOne(0, Integer.class);
            String pgHost = db.embedded() ? "localhost" : db.host().orElseThrow();

            OfferCursorCodec codec = OfferCursorCodec.fromSecret(settings().secretKey().orElse(null));
            JooqOfferSearchRepository sql = new JooqOfferSearchRepository(dsl);
            List<Scenario> scenarios = scenarios(dsl, sql, codec);

            int apiPort = freePort();
            // start time (SPEC §8): the median of START_RUNS starts of `./che168 serve` as the operator runs it,
            // after one start that is not counted (it writes the launcher's class-data archive after a build)
            long firstMillis = startAndStop(db, apiPort);
            long[] starts = new long[START_RUNS];
            Process server = null;
            for (int i = 0; i < START_RUNS; i++) {
                if (server != null) {
                    stop(server);
                }
                long spawned = System.nanoTime();
                server = startServer(db, apiPort);
                starts[i] = awaitReady(server, spawned);
            }
            long[] sorted = starts.clone();
            Arrays.sort(sorted);
            long readyMillis = sorted[START_RUNS / 2];
            out().println("Server start: median " + readyMillis + " ms of " + Arrays.toString(starts)
                    + " (first start " + firstMillis + " ms)");
            out().flush();
            try {
                Map<String, Run> api = new HashMap<>();
                Map<String, Double> pg = new HashMap<>();
                // warm-up: the JIT compiles the whole request path before anything is measured
                for (Scenario s : scenarios) {
                    load(apiPort, token, s.path(), WARM_UP_SECONDS);
                }
                for (Scenario s : scenarios) {
                    out().println("Scenario " + s.name() + ": " + s.path());
                    out().flush();
                    Run run = load(apiPort, token, s.path(), seconds);
                    api.put(s.name(), run);
                    out().printf(Locale.ROOT, "  API      %,10.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d errors)%n",
                            run.perSecond(), run.p50Millis(), run.p99Millis(), run.errors());
                    out().flush();
                    double tps = pgbench(pgbenchBinary, pgHost, pgPort, db, s.sql());
                    pg.put(s.name(), tps);
                    out().printf(Locale.ROOT, "  pgbench  %,10.0f TPS    ratio API/pgbench %.2f%n", tps,
                            run.perSecond() / tps);
                    out().flush();
                }
                String section = section(scenarios, api, pg, readyMillis, sorted, firstMillis);
                out().println();
                out().println(section);
                if (!"-".equals(report)) {
                    writeSection(Path.of(report), section);
                    out().println("Written to " + report);
                }
                boolean pass = readyMillis < 2000 && scenarios.stream().allMatch(s -> api.get(s.name()).errors() == 0
                        && api.get(s.name()).p99Millis() <= 20 && api.get(s.name()).perSecond() >= 0.5 * pg.get(s.name()));
                return pass ? ExitCode.OK : ExitCode.ERRORS;
            } finally {
                stop(server);
            }
        }
    }

    private void ensureDatabase(DSLContext main) {
        if (main.fetchOne("SELECT 1 FROM pg_database WHERE datname = ?", BENCH_DB) == null) {
            main.execute("CREATE DATABASE " + BENCH_DB);
        }
    }

    private void prepareListings(DSLContext dsl) {
        long have = dsl.resultQuery("SELECT count(*) FROM processed_data").fetchOne(0, Long.class);
        if (have == listings) {
            out().println("Scratch database " + BENCH_DB + " holds " + listings + " listings already.");
            out().flush();
            return;
        }
        dsl.execute("TRUNCATE processed_data");
        SyntheticListings generator = new SyntheticListings(dsl);
        long started = System.nanoTime();
        for (int first = 1; first <= listings; first += 25_000) {
            generator.generate(first, Math.min(25_000, listings - first + 1), 8);
            out().printf(Locale.ROOT, "Generated %,d / %,d listings%n", Math.min(listings, first + 24_999), listings);
            out().flush();
        }
        dsl.execute("VACUUM ANALYZE processed_data");
        LOG.info("Bench api: generated {} listings in {} s", listings,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static String benchToken(DSLContext dsl) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        dsl.execute("DELETE FROM api_tokens WHERE description = 'bench api'");
        dsl.execute("INSERT INTO api_tokens (token, description) VALUES (?, 'bench api')", b.toString());
        return b.toString();
    }

    /** The requests measured, each with the SQL the server runs for it (count queries are cached by then). */
    private List<Scenario> scenarios(DSLContext dsl, JooqOfferSearchRepository sql, OfferCursorCodec codec) {
        List<Scenario> list = new ArrayList<>();
        OfferCriteria filtered = new OfferCriteria(null, null, 2015, null, null, 500_000L, null, null, "electric",
                null, null, null, null, null, null, null);
        list.add(new Scenario("filtered first page",
                "/offers?engine_type=electric&year_from=2015&price_to=500000&sort=-price&limit=20",
                sql.pageSql(filtered, OfferSort.PRICE_DESC, null, 0, 21)));
        OfferCriteria bmw = new OfferCriteria(List.of("BMW"), null, null, null, null, null, null, null, null, null,
                null, null, null, null, "dealer", null);
        list.add(new Scenario("make + seller first page", "/offers?mark=bmw&seller=dealer&sort=price&limit=20",
                sql.pageSql(bmw, OfferSort.PRICE, null, 0, 21)));
        int deepRow = Math.min(199_999, (int) (dsl.resultQuery(
                "SELECT count(*) FROM processed_data WHERE is_active AND price IS NOT NULL").fetchOne(0, Long.class)
                - 100));
        var last = dsl.fetchOne("SELECT price, id FROM processed_data WHERE is_active AND price IS NOT NULL "
                + "ORDER BY price, id OFFSET ? LIMIT 1", deepRow);
        Keyset keyset = new Keyset(last.get(0, Long.class), last.get(1, Long.class));
        int page = deepRow / 20 + 2;
        String cursor = codec.encode(OfferSort.PRICE, OfferFilter.NONE, keyset, page);
        list.add(new Scenario("deep cursor page (page " + String.format(Locale.ROOT, "%,d", page) + ")",
                "/offers?sort=price&limit=20&cursor=" + cursor,
                sql.pageSql(OfferCriteria.ALL, OfferSort.PRICE, keyset, 0, 21)));
        return list;
    }

    private long startAndStop(DbConfig db, int port) throws Exception {
        long spawned = System.nanoTime();
        Process server = startServer(db, port);
        try {
            return awaitReady(server, spawned);
        } finally {
            stop(server);
        }
    }

    /** SIGTERM, as an operator stops it; the first stop after a build also writes the class-data archive. */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code ./che168 serve} with {@code -Xmx256m}, through the launcher at the repository root when this runs from
     * the packaged jar (what an operator starts, class-data sharing included), on this JVM's JDK; from a classes
     * directory (tests), {@code java -cp ... Main serve}.
     */
    private Process startServer(DbConfig db, int port) throws IOException, URISyntaxException {
        Path jar = Path.of(BenchApiCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = jar.toAbsolutePath().getParent().resolve("../../che168").normalize();
        List<String> command = new ArrayList<>();
        boolean viaLauncher = !Files.isDirectory(jar) && Files.isExecutable(launcher);
        if (viaLauncher) {
            command.add(launcher.toString());
        } else if (Files.isDirectory(jar)) {
            command.addAll(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "com.che168sync.bootstrap.Main"));
        } else {
            command.addAll(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        }
        settings().configFile().ifPresent(f -> command.addAll(List.of("--config", f.toString())));
        command.add("serve");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (viaLauncher) {
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("CHE168_JAVA_OPTS", "-Xmx256m");
        }
        env.put("DB_NAME", BENCH_DB);
        env.put("DATA_DIR", settings().dataDir().toString());
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", Integer.toString(port));
        // the bench measures the server, not the limiter (which still runs on every request)
        env.put("API_RATE_LIMIT_RATE", "1000000");
        env.put("API_RATE_LIMIT_BURST", "1000000");
        env.put("LOG_DIR", settings().logging().dir().toString());
        return pb.start();
    }

    private long awaitReady(Process server, long spawned) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        CountDownLatch ready = new CountDownLatch(1);
        AtomicLong readyAt = new AtomicLong();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (output.size() < 50) {
                        output.add(line);
                    }
                    if (line.startsWith("API ready")) {
                        readyAt.set(System.nanoTime());
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the server went away
            }
        }, "bench-server-output");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the API server did not become ready within 60 s; its output: "
                    + String.join(" | ", output));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(readyAt.get() - spawned);
        out().println("Server (separate JVM, -Xmx256m) ready " + millis + " ms after launch.");
        out().flush();
        return millis;
    }

    /** {@code clients} keep-alive connections, each sending the request again as soon as the answer is read. */
    private Run load(int port, String token, String path, int durationSeconds) throws InterruptedException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        long[][] latencies = new long[clients][];
        long[] counts = new long[clients];
        long[] errors = new long[clients];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int index = c;
            threads[c] = new Thread(() -> {
                long[] own = new long[1 << 16];
                int n = 0;
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        long t = System.nanoTime() - t0;
                        if (status != 200) {
                            errors[index]++;
                        }
                        if (n == own.length) {
                            own = Arrays.copyOf(own, n * 2);
                        }
                        own[n++] = t;
                    }
                } catch (IOException e) {
                    errors[index]++;
                }
                latencies[index] = Arrays.copyOf(own, n);
                counts[index] = n;
            }, "bench-client-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        return new Run(total, Arrays.stream(errors).sum(), total / (double) durationSeconds,
                percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; returns the status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            int len = head.length();
            if (len >= 4 && head.charAt(len - 1) == '\n' && head.charAt(len - 2) == '\r'
                    && head.charAt(len - 3) == '\n' && head.charAt(len - 4) == '\r') {
                break;
            }
        }
        if (c < 0) {
            throw new IOException("connection closed");
        }
        int status = Integer.parseInt(head.substring(9, 12));
        int lengthAt = head.indexOf("Content-Length: ");
        if (lengthAt < 0) {
            lengthAt = head.indexOf("content-length: ");
        }
        if (lengthAt < 0) {
            throw new IOException("no Content-Length");
        }
        int lineEnd = head.indexOf("\r\n", lengthAt);
        long length = Long.parseLong(head.substring(lengthAt + 16, lineEnd).strip());
        in.skipNBytes(length);
        return status;
    }

    private double pgbench(Path binary, String host, int port, DbConfig db, String sql) throws Exception {
        Path script = Files.createTempFile("che168-bench-api", ".sql");
        try {
            Files.writeString(script, sql + ";\n");
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-n", "-h", host, "-p",
                    Integer.toString(port), "-U", db.user(), "-c", Integer.toString(clients), "-j",
                    Integer.toString(Math.min(clients, 4)), "-T", Integer.toString(seconds), "-M", "prepared", "-f",
                    script.toString(), BENCH_DB).redirectErrorStream(true);
            if (!db.password().isEmpty()) {
                pb.environment().put("PGPASSWORD", db.password());
            }
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed: " + output.strip());
            }
            Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("no TPS in pgbench's output: " + output.strip());
            }
            return Double.parseDouble(m.group(1));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private Path findPgbench() throws IOException {
        if (pgbench != null) {
            return pgbench;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (var versions = Files.list(root)) {
                for (Path v : versions.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Path candidate = v.resolve("bin/pgbench");
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new RefusedException("pgbench not found: install PostgreSQL's client tools or pass --pgbench PATH");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String section(List<Scenario> scenarios, Map<String, Run> api, Map<String, Double> pg,
                           long readyMillis, long[] starts, long firstMillis) {
        StringBuilder b = new StringBuilder();
        b.append(START).append('\n');
        b.append("## API (`./che168 bench api`)\n\n");
        b.append(String.format(Locale.ROOT, "Run %s: %,d listings (synthetic, ~2.5 KB normalized records, 8 %% "
                + "removed), %d concurrent keep-alive clients on loopback, %d s per run; the server is `che168 serve` "
                + "in its own JVM with `-Xmx256m` (rate limit raised so the limiter runs but never refuses); "
                + "pgbench runs the SQL the server runs for the same request (`-M prepared`, same clients), right "
                + "after, against the same database; before measuring, each request is warmed up for 5 s. Goals (SPEC §8): p99 ≤ 20 ms, API ≥ 0.5 × pgbench, start "
                + "< 2 s.%n%n", LocalDate.now(app().clock()), listings, clients, seconds));
        b.append("| scenario | API req/s | p50 ms | p99 ms | max ms | pgbench TPS | API / pgbench |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            Run r = api.get(s.name());
            double tps = pg.get(s.name());
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.1f | %,.0f | %.2f |%n", s.name(),
                    r.perSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis(), tps, r.perSecond() / tps));
        }
        b.append(String.format(Locale.ROOT, "%nServer start (launch of `./che168 serve` → listening: launcher, JVM "
                + "start, settings, database attached and its schema version checked, Helidon bound): median %,d ms "
                + "of %d starts (%,d–%,d ms); the first start after a build, not counted, took %,d ms (the launcher's"
                + " class-data archive is written when it stops). Machine load average during the run: %.1f on %d "
                + "cores.%n%nRequests:%n%n", readyMillis, starts.length, starts[0], starts[starts.length - 1],
                firstMillis,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        for (Scenario s : scenarios) {
            b.append("- ").append(s.name()).append(": `GET ").append(s.path().replaceAll("cursor=[^&]+",
                    "cursor=…")).append("`\n");
        }
        b.append(END).append('\n');
        return b.toString();
    }

    private static void writeSection(Path file, String section) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Performance\n\nMeasured with "
                    + "`./che168 bench …` (SPEC §6.4, §8). Each section is rewritten by its bench.\n\n";
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start >= 0 && end > start) {
                text = text.substring(0, start) + section + text.substring(end + END.length() + 1);
            } else {
                text = text + (text.endsWith("\n\n") ? "" : "\n") + section;
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
