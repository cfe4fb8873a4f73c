package com.che168sync.adapter.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The driver's sockets to PostgreSQL, read through a 64 KB buffer. The driver reads a result in pieces of at most
 * 8 KB and each row's value by its exact length, one system call per piece: a page of 21 listings (52 KB) took 14
 * reads. Through this buffer it takes one or two, for the same bytes. Named in the driver's {@code socketFactory}
 * property (the driver creates it by its public constructor).
 */
public final class ReadAheadSocketFactory extends SocketFactory {
    static final int READ_BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new ReadAheadSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return bound(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return bound(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
    }

    private static Socket connected(InetSocketAddress to) throws IOException {
        Socket socket = new ReadAheadSocket();
        try {
            socket.connect(to);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static Socket bound(InetSocketAddress local, InetSocketAddress to) throws IOException {
        Socket socket = new ReadAheadSocket();
        try {
            socket.bind(local);
            socket.connect(to);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** A plain TCP socket whose one input stream reads ahead (every caller gets the same stream). */
    private static final class ReadAheadSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), READ_BUFFER_BYTES);
            }
            return in;
        }
    }
}
