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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
import org.postgresql.util.PasswordUtil;
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
 *
 * <p>The server authenticates every connection, over TCP and over its unix socket ({@code scram-sha-256} in
 * {@code pg_hba.conf}): the superuser's password is a random one made when the cluster is created, kept in
 * {@value #PASSWORD_FILE} beside the cluster (owner-only, 0600) and read by every process that uses the server. A
 * cluster made by an earlier release (with {@code trust} for every local connection) is switched over on its next
 * start: the password is set in single-user mode before the server opens its port, or, when a server is already
 * running, set on line and {@code pg_hba.conf} reloaded. The password never reaches a log.
 */
final class EmbeddedPostgresServer {
    /** The superuser initdb creates; it authenticates with the password of {@link #PASSWORD_FILE}. */
    static final String SUPERUSER = "postgres";
    /** The superuser's password, in the server's directory ({@code DATA_DIR/postgres}), readable by its owner only. */
    static final String PASSWORD_FILE = "superuser.password";
    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 40; // 238 bits
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
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
    private final String password;

    private EmbeddedPostgresServer(Path dir, Path binaries, int port, boolean startedHere, String password) {
        this.dir = dir;
        this.password = password;
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
            createOwnerOnlyDirectories(dir);
            return withLock(dir, () -> {
                Path binaries = unpackBinaries(dir.resolve("runtime"));
                Path cluster = dir.resolve("cluster");
                Path passwordFile = dir.resolve(PASSWORD_FILE);
                Optional<String> saved = readPassword(passwordFile);
                Optional<Integer> running = runningPort(cluster, saved.orElse(null));
                EmbeddedPostgresServer server;
                if (running.isPresent()) {
                    String password;
                    if (trusts(cluster)) {
                        password = saved.orElseGet(EmbeddedPostgresServer::newPassword);
                        requirePasswordOnline(cluster, running.get(), password, passwordFile);
                    } else {
                        password = saved.orElseThrow(() -> new IOException("the password file " + passwordFile
                                + " is missing while the embedded PostgreSQL runs; stop every che168 command (the"
                                + " server stops with the last one) and start again: a new password is then set"));
                    }
                    server = new EmbeddedPostgresServer(dir, binaries, running.get(), false, password);
                    LOG.info("Using the embedded PostgreSQL already running on port {} (data in {})", running.get(),
                            cluster);
                } else {
                    String password = saved.orElseGet(EmbeddedPostgresServer::newPassword);
                    if (!Files.exists(cluster.resolve("PG_VERSION"))) {
                        initdb(binaries, cluster, password, passwordFile);
                    } else if (saved.isEmpty() || trusts(cluster)) {
                        requirePasswordOffline(binaries, cluster, password, passwordFile);
                    }
                    server = new EmbeddedPostgresServer(dir, binaries, freePort(), true, password);
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

    /** The superuser's password, for this process's pool and the client tools it starts; never log it. */
    String password() {
        return password;
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
                if (runningPort(cluster, password).isEmpty()) {
                    return false;
                }
                int others = otherClients(ownApplicationName);
                if (others > 0) {
                    LOG.info("The embedded PostgreSQL keeps running for {} other connection(s)", others);
                    return false;
                }
                run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60", "stop"), null);
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
                Long.toString(START_TIMEOUT.toSeconds()), "-o", String.join(" ", options), "start"), null);
        if (runningPort(cluster, password).isEmpty()) {
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
        return connect(port, database, password);
    }

    private static Connection connect(int port, String database, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    /** The port of a live server on {@code cluster} (from postmaster.pid), if any. */
    private static Optional<Integer> runningPort(Path cluster, String password) {
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
            return alive && accepts(port, password) ? Optional.of(port) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when a server answers on {@code port}, including one that refuses the password it was given. */
    private static boolean accepts(int port, String password) {
        try (Connection c = connect(port, "postgres", password)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return e.getSQLState() != null && e.getSQLState().startsWith("28"); // invalid authorization: it runs
        }
    }

    /** A new cluster whose superuser has {@code password}; only scram-sha-256 connections are accepted. */
    private static void initdb(Path binaries, Path cluster, String password, Path passwordFile) throws IOException {
        Path fresh = cluster.resolveSibling("cluster.initdb");
        deleteTree(fresh);
        LOG.info("Creating the embedded PostgreSQL cluster in {}", cluster);
        Path pending = writePasswordPending(passwordFile, password);
        run(List.of(binaries.resolve("bin/initdb").toString(), "--auth=scram-sha-256", "--pwfile=" + pending,
                "-U", SUPERUSER, "-D", fresh.toString(), "-E", "UTF-8", "--locale=C"), null);
        Files.move(pending, passwordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, cluster, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * True when {@code pg_hba.conf} lets any connection in without a password ({@code trust}, as clusters of earlier
     * releases did for localhost and the socket).
     */
    static boolean trusts(Path cluster) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return false;
        }
        for (String line : Files.readAllLines(hba)) {
            String rule = line.replaceFirst("#.*", "").strip();
            if (!rule.isEmpty() && List.of(rule.split("\\s+")).contains("trust")) {
                return true;
            }
        }
        return false;
    }

    /** {@code pg_hba.conf} with scram-sha-256 wherever it said trust; every other rule stays as it was. */
    private static void replaceTrustInHba(Path cluster) throws IOException {
        Path hba = cluster.resolve("pg_hba.conf");
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(hba)) {
            int comment = line.indexOf('#');
            String rule = comment < 0 ? line : line.substring(0, comment);
            String rest = comment < 0 ? "" : line.substring(comment);
            out.append(rule.replaceAll("(?<=\\s)trust(?=\\s|$)", "scram-sha-256")).append(rest).append('\n');
        }
        Path fresh = hba.resolveSibling("pg_hba.conf.new");
        Files.deleteIfExists(fresh);
        createOwnerOnlyFile(fresh);
        Files.writeString(fresh, out);
        Files.move(fresh, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Switches a stopped cluster to password authentication: the superuser's password is set in single-user mode
     * (no port is open meanwhile), saved, then {@code pg_hba.conf} stops trusting. Each step can be repeated, so a
     * run killed half-way is finished by the next start. Also used when the password file was lost.
     */
    private static void requirePasswordOffline(Path binaries, Path cluster, String password, Path passwordFile)
            throws IOException {
        boolean converting = trusts(cluster);
        run(List.of(binaries.resolve("bin/postgres").toString(), "--single", "-D", cluster.toString(),
                "-c", "exit_on_error=on", "-c", "log_statement=none", "postgres"), alterPassword(password) + "\n");
        Files.move(writePasswordPending(passwordFile, password), passwordFile, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        replaceTrustInHba(cluster);
        if (converting) {
            LOG.info("The embedded PostgreSQL in {} let local connections in without a password; it now requires the "
                    + "superuser's password, kept in {} (owner-only)", cluster, passwordFile);
        } else {
            LOG.warn("The password file of the embedded PostgreSQL was missing: a new superuser password was set and "
                    + "kept in {} (owner-only)", passwordFile);
        }
    }

    /** The same switch for a cluster that is running (started by an earlier release): on line, then a reload. */
    private static void requirePasswordOnline(Path cluster, int port, String password, Path passwordFile)
            throws IOException {
        try (Connection c = connect(port, "postgres", password); Statement s = c.createStatement()) {
            s.execute(alterPassword(password));
            Files.move(writePasswordPending(passwordFile, password), passwordFile, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            replaceTrustInHba(cluster);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the superuser password of the running embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
        LOG.info("The running embedded PostgreSQL in {} let local connections in without a password; it now requires "
                + "the superuser's password, kept in {} (owner-only)", cluster, passwordFile);
    }

    /** The statement that sets the password, as a SCRAM verifier (the password itself never reaches the server). */
    private static String alterPassword(String password) {
        return "ALTER ROLE " + SUPERUSER + " PASSWORD '" + PasswordUtil.encodeScramSha256(password.toCharArray())
                + "'";
    }

    static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            b.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return b.toString();
    }

    /** The saved password, if the file exists; warns (like ssh) when other users can read it. */
    private static Optional<String> readPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!perms.isEmpty()) {
                LOG.warn("{} holds the embedded PostgreSQL's superuser password and other users can read it: run "
                        + "chmod 600 {}", file, file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        return Optional.of(password);
    }

    /** {@code file.new}, owner-only, holding {@code password}: moved over {@code file} once the server has it. */
    private static Path writePasswordPending(Path file, String password) throws IOException {
        Path pending = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(pending);
        createOwnerOnlyFile(pending);
        Files.writeString(pending, password + "\n");
        return pending;
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /** {@code dir} and its missing parents (e.g. {@code DATA_DIR}), created owner-only (0700); existing ones stay. */
    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Unpacks zonky's PostgreSQL archive once into {@code runtimeDir/<key>}. The key comes from the archive's jar
     * entry (name, CRC, size), so later runs find the binaries without reading the 15 MB archive; when the entry
     * cannot be inspected, from the archive's SHA-256.
     */
    static Path unpackBinaries(Path runtimeDir) throws IOException {
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

    /**
     * Runs a PostgreSQL tool, {@code input} (if not null) on its standard input; as root through {@code unshare -U}
     * (initdb and postgres refuse to run as root).
     */
    static void run(List<String> command, String input) throws IOException {
        List<String> full = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("che168-pg-", ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
                    .redirectInput(input == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                            : ProcessBuilder.Redirect.PIPE)
                    .start();
            if (input != null) {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
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
