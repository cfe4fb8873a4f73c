package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Logging in to a running embedded server as its superuser, as any local process could try: over TCP (localhost) and
 * over its unix socket, with or without a password. Port and socket directory come from {@code postmaster.pid}.
 */
public final class SuperuserLogin {
    private final int port;
    private final Path socketDirectory;

    private SuperuserLogin(int port, Path socketDirectory) {
        this.port = port;
        this.socketDirectory = socketDirectory;
    }

    /** The server running on {@code cluster} ({@code DATA_DIR/postgres/cluster}). */
    public static SuperuserLogin to(Path cluster) throws IOException {
        List<String> pid = Files.readAllLines(cluster.resolve("postmaster.pid"));
        return new SuperuserLogin(Integer.parseInt(pid.get(3).strip()), Path.of(pid.get(4).strip()));
    }

    public int port() {
        return port;
    }

    /** Over TCP; {@code password} null sends none. */
    public Connection tcp(String database, String password) throws SQLException {
        return DriverManager.getConnection(url(database), props(password));
    }

    /** Over the server's unix socket; {@code password} null sends none. */
    public Connection socket(String database, String password) throws SQLException {
        Properties props = props(password);
        props.setProperty("socketFactory", UnixSocketFactory.class.getName());
        props.setProperty("socketFactoryArg", UnixSocketFactory.socketFile(socketDirectory, port).toString());
        props.setProperty("sslmode", "disable");
        return DriverManager.getConnection(url(database), props);
    }

    /**
     * No password, an empty one and a wrong one (the right one plus a letter) are each refused by authentication
     * (not by a failure to connect), over TCP and over the socket.
     */
    public void assertRefusedWithout(String password) {
        for (String wrong : new String[] {null, "", password + "x"}) {
            String which = wrong == null ? "no password" : wrong.isEmpty() ? "an empty password" : "a wrong password";
            assertThatThrownBy(() -> tcp("postgres", wrong).close()).as("TCP with %s", which)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as(e.getMessage()).isIn("08004", "28P01"));
            assertThatThrownBy(() -> socket("postgres", wrong).close()).as("socket with %s", which)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as(e.getMessage()).isIn("08004", "28P01"));
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private static Properties props(String password) {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        return props;
    }
}
