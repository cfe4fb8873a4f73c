package com.che168sync.adapter.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The product's own PostgreSQL (the default when no {@code DB_HOST} is set): the PostgreSQL 17 binaries shipped in
 * zonky's jar, a cluster kept under {@code DATA_DIR/postgres/cluster}, run with PostgreSQL's durable settings
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes} on; zonky's own launcher turns them off).
 *
 * <p>Several product processes share one server (e.g. {@code serve} running while cron runs {@code daily}): the first
 * starts it as a detached server; the others find it through {@code postmaster.pid} and connect. When a process is
 * done it stops the server only if no other client is connected, so the last one out shuts it down cleanly (fast
 * mode). Start, attach and stop decisions are serialized by a file lock in the directory. A process killed with
 * SIGKILL leaves the server running; the next process attaches to it.
 */
final class EmbeddedPostgresServer {
    /** The superuser initdb creates; it authenticates by trust on localhost only. */
    static final String SUPERUSER = "postgres";
    /** application_name of the server's own short connections (start, create database, release). */
    private static final String APPLICATION_NAME = "che168-sync/" + ProcessHandle.current().pid() + "/embedded";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final Path cluster;
    private final Path logFile;
    private final int port;
    private final boolean startedHere;
    private final Path binaries;

    private EmbeddedPostgresServer(Path dir, Path binaries, int port, boolean startedHere) {
        this.dir = dir;
        this.cluster = dir.resolve("cluster");
        this.logFile = dir.resolve("postgresql.log");
        this.binaries = binaries;
        this.port = port;
        this.startedHere = startedHere;
    }

    /**
     * Connects to the server already running on {@code dir}, or prepares (first run: unpacks the binaries, initdb) and
     * starts it. The database {@code database} is created when missing.
     */
    static EmbeddedPostgresServer startOrAttach(Path dir, String database) {
        try {
            Files.createDirectories(dir);
            return withLock(dir, () -> {
                Path binaries = unpackBinaries(dir.resolve("runtime"));
                Path cluster = dir.resolve("cluster");
                Optional<Integer> running = runningPort(cluster);
                EmbeddedPostgresServer server;
                if (running.isPresent()) {
                    server = new EmbeddedPostgresServer(dir, binaries, running.get(), false);
                    LOG.info("Using the embedded PostgreSQL already running on port {} (data in {})", running.get(),
                            cluster);
                } else {
                    if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                        initdb(binaries, cluster);
                    }
                    server = new EmbeddedPostgresServer(dir, binaries, freePort(), true);
                    server.start();
                    LOG.info("Started the embedded PostgreSQL on port {} (data in {})", server.port, cluster);
                }
                server.createDatabaseIfMissing(database);
                return server;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    int port() {
        return port;
    }

    /** True when this process started the server (false: it was already running). */
    boolean startedHere() {
        return startedHere;
    }

    /** Where the cluster lives. */
    Path cluster() {
        return cluster;
    }

    /**
     * Called when a user of the server is done (its pool is closed): stops the server unless another client is
     * connected. Connections named {@code ownApplicationName} are the caller's own, possibly still closing: they do
     * not count. Returns true when it stopped.
     */
    boolean release(String ownApplicationName) {
        try {
            return withLock(dir, () -> {
                if (runningPort(cluster).isEmpty()) {
                    return false;
                }
                int others = otherClients(ownApplicationName);
                if (others > 0) {
                    LOG.info("The embedded PostgreSQL keeps running for {} other connection(s)", others);
                    return false;
                }
                run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
                LOG.info("Stopped the embedded PostgreSQL");
                return true;
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            return false;
        }
    }

    private void start() throws IOException {
        List<String> options = List.of("-p " + port, "-c listen_addresses=localhost", "-c fsync=on",
                "-c synchronous_commit=on", "-c full_page_writes=on", "-c timezone=UTC", "-c max_connections=100");
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-l", logFile.toString(), "-w", "-t",
                Long.toString(START_TIMEOUT.toSeconds()), "-o", String.join(" ", options), "start"));
        if (runningPort(cluster).isEmpty()) {
            throw new IOException("the embedded PostgreSQL did not start; see " + logFile);
        }
    }

    private void createDatabaseIfMissing(String database) {
        try (Connection c = connect("postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                LOG.info("Created database {} in the embedded PostgreSQL", database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently: fine
                throw new IllegalStateException("cannot create database " + database + " in the embedded "
                        + "PostgreSQL: " + e.getMessage(), e);
            }
        }
    }

    private int otherClients(String ownApplicationName) {
        // our own closed connections may linger a moment in pg_stat_activity: they are told apart by name
        try (Connection c = connect("postgres"); PreparedStatement s = c.prepareStatement("SELECT count(*) "
                + "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
                + "AND application_name IS DISTINCT FROM ? AND application_name IS DISTINCT FROM ?")) {
            s.setString(1, ownApplicationName);
            s.setString(2, APPLICATION_NAME);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private Connection connect(String database) throws SQLException {
        return connect(port, database);
    }

    private static Connection connect(int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    /** The port of a live server on {@code cluster} (from postmaster.pid), if any. */
    private static Optional<Integer> runningPort(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty(); // being written by a starting server, or truncated by a crash
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && accepts(port) ? Optional.of(port) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean accepts(int port) {
        try (Connection c = connect(port, "postgres")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void initdb(Path binaries, Path cluster) throws IOException {
        Path fresh = cluster.resolveSibling("cluster.initdb");
        deleteTree(fresh);
        LOG.info("Creating the embedded PostgreSQL cluster in {}", cluster);
        run(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER, "-D",
                fresh.toString(), "-E", "UTF-8", "--locale=C"));
        Files.move(fresh, cluster, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Unpacks zonky's PostgreSQL archive once into {@code runtimeDir/<key>}. The key comes from the archive's jar
     * entry (name, CRC, size), so later runs find the binaries without reading the 15 MB archive; when the entry
     * cannot be inspected, from the archive's SHA-256.
     */
    private static Path unpackBinaries(Path runtimeDir) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch", "");
        String machine = "amd64".equals(arch) ? "x86_64" : arch;
        Optional<String> entryKey = archiveEntryKey(system, machine);
        if (entryKey.isPresent() && Files.exists(runtimeDir.resolve(entryKey.get()).resolve(".complete"))) {
            return runtimeDir.resolve(entryKey.get());
        }
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
            if (in == null) {
                throw new IOException("no embedded PostgreSQL binaries for " + system + " " + machine
                        + "; set DB_HOST to use a PostgreSQL server");
            }
            archive = in.readAllBytes();
        }
        String digest;
        if (entryKey.isPresent()) {
            digest = entryKey.get();
        } else {
            try {
                digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive))
                        .substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        Path target = runtimeDir.resolve(digest);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path partial = runtimeDir.resolve(digest + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        LOG.info("Unpacking the embedded PostgreSQL into {}", target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(
                new java.io.ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("unsafe path in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/")) {
                        makeExecutable(out);
                    }
                }
            }
        }
        Files.writeString(partial.resolve(".complete"), digest);
        deleteTree(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** {@code postgres-linux-x86_64-<crc>-<size>} from the archive's jar entry, if it can be found that way. */
    private static Optional<String> archiveEntryKey(String system, String machine) {
        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + machine;
        try {
            URL url = EmbeddedPostgresServer.class.getClassLoader().getResource(name + ".txz");
            if (url != null && url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                JarEntry entry = jar.getJarEntry();
                if (entry != null && entry.getCrc() >= 0 && entry.getSize() > 0) {
                    return Optional.of(name + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize());
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot inspect the PostgreSQL archive entry: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true);
        }
    }

    /** Runs a PostgreSQL tool; as root through {@code unshare -U} (initdb and postgres refuse to run as root). */
    private static void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("che168-pg-", ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish in time");
            }
            if (process.exitValue() != 0) {
                String text = Files.readString(output).strip();
                throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue()
                        + "): " + (text.length() > 2000 ? text.substring(text.length() - 2000) : text));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} holding the directory's lock: across processes (file lock) and threads. */
    private static <T> T withLock(Path dir, LockedAction<T> action) throws IOException {
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.run();
        } finally {
            local.unlock();
        }
    }
}
