package com.che168sync.adapter.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded cluster as releases before password authentication made it under {@code DATA_DIR/postgres}: the
 * runtime unpacked, {@code initdb -A trust -U postgres} (every local connection let in without a password, over TCP
 * and the socket), started with {@code pg_ctl}, the database created. For tests that the next start of the product
 * switches such a directory over and keeps its data.
 */
public final class EarlierReleaseCluster implements AutoCloseable {
    private final Path dir;
    private final Path binaries;
    private final int port;
    private boolean running = true;

    private EarlierReleaseCluster(Path dir, Path binaries, int port) {
        this.dir = dir;
        this.binaries = binaries;
        this.port = port;
    }

    /** Creates and starts the cluster in {@code dir/cluster}, with {@code database} in it. */
    public static EarlierReleaseCluster start(Path dir, String database) throws IOException, SQLException {
        Files.createDirectories(dir);
        Path binaries = EmbeddedPostgresServer.unpackBinaries(dir.resolve("runtime"));
        Path fresh = dir.resolve("cluster.initdb");
        EmbeddedPostgresServer.run(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U",
                "postgres", "-D", fresh.toString(), "-E", "UTF-8", "--locale=C"), null);
        Files.move(fresh, dir.resolve("cluster"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EarlierReleaseCluster cluster = new EarlierReleaseCluster(dir, binaries, port);
        EmbeddedPostgresServer.run(List.of(cluster.bin("pg_ctl"), "-D", dir.resolve("cluster").toString(), "-l",
                dir.resolve("postgresql.log").toString(), "-w", "-o", "-p " + port
                        + " -c listen_addresses=localhost -c timezone=UTC", "start"), null);
        try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
        return cluster;
    }

    public int port() {
        return port;
    }

    /** A connection as the superuser with no password, as every local process could make one. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
    }

    /** Stops the server (fast shutdown), as the last che168 command of such a release did. */
    public void stop() throws IOException {
        if (running) {
            running = false;
            EmbeddedPostgresServer.run(List.of(bin("pg_ctl"), "-D", dir.resolve("cluster").toString(), "-m", "fast",
                    "-w", "stop"), null);
        }
    }

    /** Stops the server if it still runs and still is this cluster's. */
    @Override
    public void close() throws IOException {
        if (running && Files.exists(dir.resolve("cluster/postmaster.pid"))) {
            stop();
        }
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }
}
