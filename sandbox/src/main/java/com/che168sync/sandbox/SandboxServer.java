package com.che168sync.sandbox;

import io.helidon.webserver.WebServer;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The sandbox over HTTP: the che168 feed under {@code /api/v2/che168} and tooling under {@code /__sandbox}.
 *
 * <pre>{@code
 * try (SandboxServer server = SandboxServer.start(SandboxOptions.builder()
 *         .listings(10_000).days(3).seed(42).apiKey("K").build())) {
 *     String baseUrl = server.baseUrl();              // http://127.0.0.1:PORT/api/v2/che168
 *     SandboxCalendar calendar = server.calendar();   // change days and id ranges
 *     try (Stream<GroundTruthEntry> truth = server.groundTruth(calendar.days().getLast().date())) { … }
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

    /** Path of the feed, as on the real source. */
    public static final String FEED_PATH = "/api/v2/che168";
    /** Path of the tooling endpoints (no key, no faults). */
    public static final String ADMIN_PATH = "/__sandbox";

    private final Sandbox sandbox;
    private final WebServer server;
    private final FeedHttpService feed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxServer(Sandbox sandbox) {
        this.sandbox = sandbox;
        SandboxOptions options = sandbox.options();
        this.feed = new FeedHttpService(sandbox, new FaultInjector(options.seed(), options.faults()), closed::get);
        AdminHttpService admin = new AdminHttpService(sandbox, this::stats);
        this.server = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .shutdownHook(false)
                // ~80 KB answers: without TCP_NODELAY, Nagle + delayed ACK cost ~20 ms a page on loopback
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .writeBufferSize(64 * 1024)
                .routing(r -> r.register(FEED_PATH, feed).register(ADMIN_PATH, admin))
                .build()
                .start();
        if (!server.isRunning() || server.port() < 0) {
            // Helidon logs a bind failure and returns a stopped server instead of throwing
            server.stop();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port()
                    + " (port in use, or the address is not local)");
        }
    }

    /**
     * Builds the data and starts serving; returns once the port is bound.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static SandboxServer start(SandboxOptions options) {
        return new SandboxServer(Sandbox.create(options));
    }

    /** Serves an already built sandbox. */
    public static SandboxServer start(Sandbox sandbox) {
        return new SandboxServer(sandbox);
    }

    /** The bound port (the chosen one when the options asked for port 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port/api/v2/che168}: what {@code CHE168_BASE_URL} should be. */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port() + FEED_PATH;
    }

    /** {@code http://host:port/__sandbox}. */
    public String adminUrl() {
        return "http://" + hostForUrl() + ":" + port() + ADMIN_PATH;
    }

    private String hostForUrl() {
        String host = sandbox.options().host();
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public SandboxCalendar calendar() {
        return sandbox.calendar();
    }

    /** Same as {@link Sandbox#groundTruth(LocalDate)}. */
    public Stream<GroundTruthEntry> groundTruth(LocalDate date) {
        return sandbox.groundTruth(date);
    }

    /** Counters of what the feed has served and injected since start. */
    public SandboxStats stats() {
        return new SandboxStats(feed.requests.get(), feed.unauthorized.get(), feed.errors.get(),
                feed.rateLimited.get(), feed.stalled.get(), feed.truncated.get(), feed.brokenMeta.get(),
                feed.offersPages.get(), feed.changesPages.get(), feed.offerErrors.get(), sandbox.poisonedServed());
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops serving; stalled requests are released at once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Helidon refuses to stop from an interrupted thread: stop first, then restore the flag
            boolean interrupted = Thread.interrupted();
            try {
                server.stop();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
