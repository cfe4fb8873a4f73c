package com.che168sync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench on the SQL the server runs: the same clients, threads and duration as the HTTP side, prepared statements,
 * each script file with its weight. TPS from its report, latency percentiles from its per-transaction log.
 */
final class Pgbench {
    static final String INSTALL_HINT = "pgbench not found: install PostgreSQL's client tools (Debian/Ubuntu: "
            + "apt-get install postgresql-contrib, or /usr/lib/postgresql/<version>/bin/pgbench) or pass --pgbench PATH";
    /** pgbench accepts at most this many script files in one run. */
    static final int MAX_SCRIPTS = 128;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final Path binary;
    private final Path workDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;

    Pgbench(Path binary, Path workDir, String host, int port, String user, String password, String database) {
        this.binary = binary;
        this.workDir = workDir;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** One pgbench script and its weight (its share of the transactions). */
    record Script(String sql, long weight) {
    }

    /** What one pgbench run measured. */
    record Result(long transactions, double tps, double p50Millis, double p99Millis, double maxMillis) {
    }

    /** The given pgbench, else pgbench on {@code path}, else PostgreSQL's newest; else {@link #INSTALL_HINT}. */
    static Path find(Path given, String path) throws IOException {
        if (given != null) {
            if (!Files.isExecutable(given)) {
                throw new IllegalArgumentException("--pgbench " + given + " is not an executable file");
            }
            return given;
        }
        java.util.Optional<Path> onPath = Wrk.onPath("pgbench", path);
        if (onPath.isPresent()) {
            return onPath.get();
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                for (Path v : versions.sorted(Comparator.reverseOrder()).toList()) {
                    Path candidate = v.resolve("bin/pgbench");
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    Result run(List<Script> scripts, int clients, int threads, int seconds) throws IOException, InterruptedException {
        if (scripts.isEmpty() || scripts.size() > MAX_SCRIPTS) {
            throw new IllegalArgumentException("pgbench takes 1 to " + MAX_SCRIPTS + " scripts, got " + scripts.size());
        }
        Path dir = Files.createTempDirectory(workDir, "pgbench");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-n", "-h", host, "-p",
                Integer.toString(port), "-U", user, "-c", Integer.toString(clients), "-j", Integer.toString(threads),
                "-T", Integer.toString(seconds), "-M", "prepared", "-l", "--log-prefix", dir.resolve("tx").toString()));
        for (int i = 0; i < scripts.size(); i++) {
            Path file = dir.resolve("script" + i + ".sql");
            Files.writeString(file, scripts.get(i).sql());
            command.add("-f");
            command.add(file + "@" + scripts.get(i).weight());
        }
        command.add(database);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Matcher m = TPS.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("pgbench failed (exit " + exit + "): " + output.strip());
        }
        long[] latencies = latencies(dir);
        Arrays.sort(latencies);
        Result result = new Result(latencies.length, Double.parseDouble(m.group(1)), percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e3);
        deleteTree(dir);
        return result;
    }

    /** The third column of pgbench's per-transaction log: the latency in microseconds. */
    private static long[] latencies(Path dir) throws IOException {
        List<Long> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("tx")).toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    lines.forEach(line -> {
                        String[] cols = line.split(" ");
                        if (cols.length >= 3) {
                            all.add(Long.parseLong(cols[2]));
                        }
                    });
                }
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p * sortedMicros.length) - 1)] / 1e3;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
