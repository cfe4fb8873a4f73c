package com.che168sync.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server started from a locally installed PostgreSQL (e.g. Debian's
 * {@code /usr/lib/postgresql/15/bin}), for tests that need the server and the client tools
 * ({@code pg_dump}, {@code pg_restore}) of the same major version, which the embedded PostgreSQL of
 * {@link PostgresFixture} does not ship. Trust authentication on localhost, fsync off (tests only).
 * As root, the server runs in a user namespace ({@code unshare -U}), as the embedded one does.
 */
public final class LocalPostgresServer implements AutoCloseable {
    private static final List<String> SERVER_TOOLS = List.of("initdb", "pg_ctl", "postgres", "psql", "pg_dump",
            "pg_restore");

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final int major;

    private LocalPostgresServer(Path bin, Path dataDir, int port, int major) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.major = major;
    }

    /** The newest local installation (major 15 or later) that has a server and its client tools. */
    public static Optional<Installation> findInstallation() {
        List<Path> candidates = new ArrayList<>();
        for (String root : List.of("/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt")) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.map(child -> child.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                // not listable: not a candidate
            }
        }
        return candidates.stream()
                .filter(dir -> SERVER_TOOLS.stream().allMatch(tool -> Files.isExecutable(dir.resolve(tool))))
                .flatMap(dir -> PgTools.majorOf(dir.resolve("pg_dump")).stream()
                        .filter(major -> major >= 15)
                        .mapToObj(major -> new Installation(dir, major)))
                .max(Comparator.comparingInt(Installation::major));
    }

    /** Initializes a fresh cluster in a temporary directory and starts it on a free port. */
    public static LocalPostgresServer start(Installation installation) {
        return start(installation, false);
    }

    /**
     * Like {@link #start(Installation)}, but TCP connections (to {@code localhost}) must give a password
     * (scram-sha-256), as on a real server; every connection attempt is logged ({@link #serverLog()}). Roles are made
     * with {@link #psql} (over the Unix socket, trusted).
     */
    public static LocalPostgresServer startWithPasswords(Installation installation) {
        return start(installation, true);
    }

    private static LocalPostgresServer start(Installation installation, boolean passwords) {
        try {
            Path dataDir = Files.createTempDirectory("che168-pg" + installation.major() + "-");
            int port = freePort();
            LocalPostgresServer server = new LocalPostgresServer(installation.bin(), dataDir, port,
                    installation.major());
            List<String> auth = passwords ? List.of("--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile="
                    + Files.writeString(dataDir.resolve("superuser.pw"), "postgres\n")) : List.of("-A", "trust");
            List<String> initdb = new ArrayList<>(List.of("initdb", "-D", dataDir.resolve("data").toString(), "-U",
                    "postgres", "-E", "UTF-8", "--no-sync"));
            initdb.addAll(auth);
            server.run(initdb);
            server.run(List.of("pg_ctl", "-D", dataDir.resolve("data").toString(), "-l",
                    dataDir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dataDir + " -c listen_addresses=localhost -c fsync=off"
                            + (passwords ? " -c log_connections=on" : ""), "start"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL from " + installation.bin(), e);
        }
    }

    /** Runs SQL as the superuser over the Unix socket (trusted); returns psql's output. */
    public String psql(String sql) {
        return run(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", dataDir.toString(), "-p",
                Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", sql));
    }

    /** The server's log so far (with {@link #startWithPasswords}: one line per connection attempt). */
    public String serverLog() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public int major() {
        return major;
    }

    public Path bin() {
        return bin;
    }

    @Override
    public void close() {
        try {
            run(List.of("pg_ctl", "-D", dataDir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private String run(List<String> command) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; a user namespace makes it an unprivileged user
            full.addAll(List.of("unshare", "-U"));
        }
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        try {
            Path output = Files.createTempFile("che168-pg-cmd-", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(output));
                }
                return Files.readString(output);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    /** A local PostgreSQL installation: its bin directory and major version. */
    public record Installation(Path bin, int major) {
    }
}
