package com.che168sync.bootstrap.cli;

import com.che168sync.adapter.http.ApiServer;
import com.che168sync.adapter.http.ApiServerConfig;
import com.che168sync.adapter.http.ApiUseCases;
import com.che168sync.application.api.TokenAuthenticationService;
import com.che168sync.bootstrap.config.ApiConfig;
import com.che168sync.bootstrap.demo.StopSignal;
import com.che168sync.bootstrap.wiring.SchemaPolicy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code che168 serve}: the public REST API until the process is stopped. SIGTERM / Ctrl-C stop it gracefully: no
 * new connections, requests in flight finish (up to 10 s), the tokens' {@code last_used_at} are written, the
 * database is closed, exit code 0.
 *
 * <p>Start-up (docs/rules.md#speed-bars: under 1 s) does no more than it must: the schema is only checked, never migrated
 * ({@link SchemaPolicy#VERIFY}: {@code ./che168 migrate} does that), and the web server's classes are loaded on a
 * second thread while the database is opened.
 */
@Command(name = "serve", description = "Run the public REST API server (API_PORT, api.* in config.yaml) until "
        + "stopped; SIGTERM or Ctrl-C stop it gracefully. Needs an up-to-date schema (./che168 migrate).")
public final class ServeCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    protected SchemaPolicy schemaPolicy() {
        return SchemaPolicy.VERIFY;
    }

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        Thread preload = Thread.ofPlatform().name("api-preload").daemon().start(ApiServer::preload);
        try (StopSignal stop = StopSignal.install()) {
            ApiUseCases useCases = app().apiUseCases();
            TokenAuthenticationService authenticator = app().apiAuthenticator();
            ApiServerConfig config = app().apiServerConfig();
            ApiConfig api = settings().api();
            preload.join();
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "api-last-used-flush");
                t.setDaemon(true);
                return t;
            });
            long flushMillis = Math.max(1000, api.lastUsedFlushInterval().toMillis());
            flusher.scheduleWithFixedDelay(() -> flush(authenticator), flushMillis, flushMillis,
                    TimeUnit.MILLISECONDS);
            ApiServer server;
            try {
                server = ApiServer.start(config, useCases);
            } catch (ApiServer.ListenException e) {
                flusher.shutdownNow();
                throw new RefusedException(e.getMessage() + ". Check API_HOST and API_PORT (config.yaml: api.host, "
                        + "api.port).");
            }
            // closed by the lifecycle (below, or by the JVM's shutdown hook on a signal StopSignal does not catch),
            // before the database
            app().lifecycle().register(() -> {
                server.close();
                flusher.shutdownNow();
                flush(authenticator);
            });
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info("API ready on http://{}:{} in {} ms (rate limit {}/s, burst {} per token)", config.host(),
                    server.port(), millis, api.rateLimitPerSecond(), api.rateLimitBurst());
            out().println("API ready on http://" + config.host() + ":" + server.port() + " (started in " + millis
                    + " ms). Stop with Ctrl-C or SIGTERM.");
            out().flush();
            warmUp(useCases);
            String signal = stop.await();
            LOG.info("Stopping the API ({}): requests in flight finish first", signal);
            app().lifecycle().close(); // the server, then the database
            LOG.info("API stopped");
            return ExitCode.OK;
        }
    }

    private static void warmUp(ApiUseCases useCases) {
        try {
            useCases.filters().filterValues();
        } catch (RuntimeException e) {
            LOG.warn("Could not prepare the filter values yet: {}", e.getMessage());
        }
    }

    private static void flush(TokenAuthenticationService authenticator) {
        try {
            authenticator.flushLastUsed();
        } catch (RuntimeException e) {
            LOG.warn("Could not write api_tokens.last_used_at (kept for the next try): {}", e.getMessage());
        }
    }
}
