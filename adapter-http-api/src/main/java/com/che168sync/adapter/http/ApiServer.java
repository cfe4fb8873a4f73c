package com.che168sync.adapter.http;

import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public REST API server (docs/rules.md#public-api), the entry of this module: {@link #start} listens, {@link #close} stops
 * gracefully (no new connections, requests in flight finish within the grace period).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final WebServer server;

    private ApiServer(WebServer server) {
        this.server = server;
    }

    /**
     * Starts listening; returns when the port is bound.
     *
     * @throws ListenException when the address cannot be bound (port in use, an address this machine does not have)
     */
    public static ApiServer start(ApiServerConfig config, ApiUseCases useCases) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing(routing, config, useCases);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .shutdownGracePeriod(config.shutdownGrace())
                .directHandlers(TransportErrors.handlers())
                // pages are tens of KB: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms to an answer on loopback
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // blocking sockets: a response goes out in one write (the NIO socket copies it through an 8 KB
                // buffer, one system call per 8 KB: seven for a 52 KB page)
                .useNio(false)
                .addConnectionSelector(Http1ConnectionSelector.builder()
                        .config(Http1Config.builder()
                                .maxPrologueLength(QueryParameters.MAX_QUERY_LENGTH + 1024)
                                .validatePath(true)
                                // QueryParameters checks the query the same way, naming the parameter
                                .validatePrologue(false)
                                .build())
                        .build())
                .routing(routing)
                .build()
                .start();
        if (!server.isRunning() || server.port() < 0) {
            // Helidon logs why ("Failed to start listener") and goes on without a listener
            server.stop();
            throw new ListenException(config.host(), config.port());
        }
        LOG.info("API server listening on {}:{}", config.host(), server.port());
        return new ApiServer(server);
    }

    /**
     * Loads and initialises the web server's classes (service registry, configuration, HTTP/1 connection handling)
     * by building a server that is never started: a start-up runs this on a second thread while it opens the
     * database, so {@link #start} then finds them ready. Binds nothing, has no effect besides the time it takes.
     */
    public static void preload() {
        try {
            HttpRouting.Builder routing = HttpRouting.builder();
            ErrorMapping.register(routing);
            WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                    .addConnectionSelector(Http1ConnectionSelector.builder().config(Http1Config.create()).build())
                    .routing(routing)
                    .build();
        } catch (RuntimeException e) {
            LOG.debug("Preloading the web server failed (start() will report any real problem): {}", e.toString());
        }
    }

    /** The routing, filters and error mapping, as the server uses them (tests reuse it). */
    public static void routing(HttpRouting.Builder routing, ApiServerConfig config, ApiUseCases useCases) {
        ApiMetrics metrics = new ApiMetrics();
        DataAnswers answers = new DataAnswers(useCases.versions(), config.cache().enabled()
                ? new ResponseCache(config.cache().maxBytes()) : null, config.cache().maxAge().toSeconds());
        routing.addFilter(new ObservabilityFilter(metrics))
                .addFilter(new CorsFilter(config.corsOrigins()))
                .addFilter(new AuthFilter(useCases.authenticator(), useCases.rateLimiter(),
                        useCases.unauthenticatedLimiter(), useCases.clock()))
                .register(Routes.OFFERS, new OffersHttpService(useCases.search(), useCases.offers(),
                        config.defaultLimit(), answers))
                .register(Routes.FILTERS, new FiltersHttpService(useCases.filters(), answers))
                .register(Routes.CHANGES, new ChangesHttpService(useCases.changes(), answers))
                .register(Routes.OPENAPI, new OpenApiHttpService())
                .register(Routes.DOCS, new DocsHttpService())
                .register(new StatusHttpService(useCases.stats(), metrics, answers))
                .any((req, res) -> {
                    String route = Routes.of(req.path().path());
                    if (!route.equals("other") && req.prologue().method() != Method.GET) {
                        throw new ApiError(405, "method_not_allowed", "only GET is supported", null);
                    }
                    throw new ApiError(404, "not_found", "no such endpoint; see GET /openapi", null);
                });
        ErrorMapping.register(routing);
    }

    /** The server could not listen on {@code host:port}: nothing was started. */
    public static final class ListenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenException(String host, int port) {
            super("Cannot listen on " + host + ":" + port
                    + ": the port is in use, or the address is not one of this machine's");
        }
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** Stops accepting connections and waits for requests in flight (up to the grace period). */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
            LOG.info("API server stopped");
        }
    }
}
