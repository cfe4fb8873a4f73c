package com.che168sync.adapter.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Lets the PostgreSQL JDBC driver connect over a unix socket (JDK unix-domain channels), for tests of what the
 * embedded server's socket lets in: {@code socketFactory=}this class, {@code socketFactoryArg=}the socket's path
 * (e.g. {@code /tmp/.s.PGSQL.5432}); host and port of the JDBC URL are then ignored.
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path socket;

    public UnixSocketFactory(String socket) {
        this.socket = Path.of(socket);
    }

    /** The socket file of a server listening on {@code port} with its sockets in {@code directory}. */
    public static Path socketFile(Path directory, int port) {
        return directory.resolve(".s.PGSQL." + port);
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(socket);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket s = createSocket();
        s.connect(null, 0);
        return s;
    }

    /** Just enough of {@link Socket} for the driver: connect, the two streams, close; options are ignored. */
    private static final class UnixSocket extends Socket {
        private final Path path;
        private SocketChannel channel;

        UnixSocket(Path path) {
            this.path = path;
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
        }

        @Override
        public void connect(SocketAddress ignored) throws IOException {
            connect(ignored, 0);
        }

        @Override
        public boolean isConnected() {
            return channel != null && channel.isConnected();
        }

        @Override
        public boolean isClosed() {
            return channel != null && !channel.isOpen();
        }

        @Override
        public InputStream getInputStream() {
            return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream getOutputStream() {
            return Channels.newOutputStream(channel);
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }

        @Override
        public void setTcpNoDelay(boolean on) {
        }

        @Override
        public void setKeepAlive(boolean on) {
        }

        @Override
        public synchronized void setSoTimeout(int timeout) {
        }

        @Override
        public synchronized int getSoTimeout() {
            return 0;
        }

        @Override
        public synchronized void setReceiveBufferSize(int size) {
        }

        @Override
        public synchronized void setSendBufferSize(int size) {
        }

        @Override
        public void setSoLinger(boolean on, int linger) {
        }
    }
}
