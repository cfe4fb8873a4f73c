package com.che168sync.bootstrap.cli;

import com.che168sync.adapter.http.ApiServer;
import com.che168sync.adapter.http.ApiServerConfig;
import com.che168sync.adapter.http.ApiUseCases;
import com.che168sync.application.api.TokenAuthenticationService;
import com.che168sync.bootstrap.config.ApiConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code che168 serve}: the public REST API until the process is stopped. SIGTERM / Ctrl-C stop it gracefully: no
 * new connections, requests in flight finish (up to 10 s), the tokens' {@code last_used_at} are written, then the
 * database is closed.
 */
@Command(name = "serve", description = "Run the public REST API server (API_PORT, api.* in config.yaml) until "
        + "stopped; SIGTERM or Ctrl-C stop it gracefully.")
public final class ServeCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        ApiUseCases useCases = app().apiUseCases();
        TokenAuthenticationService authenticator = app().apiAuthenticator();
        ApiServerConfig config = app().apiServerConfig();
        ApiConfig api = settings().api();
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "api-last-used-flush");
            t.setDaemon(true);
            return t;
        });
        long flushMillis = Math.max(1000, api.lastUsedFlushInterval().toMillis());
        flusher.scheduleWithFixedDelay(() -> flush(authenticator), flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        ApiServer server = ApiServer.start(config, useCases);
        // closed by the lifecycle (end of run or shutdown hook), before the database: stop, flush, release call()
        app().lifecycle().register(() -> {
            try {
                server.close();
                flusher.shutdownNow();
                flush(authenticator);
            } finally {
                stopped.countDown();
            }
        });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("API ready on http://{}:{} in {} ms (rate limit {}/s, burst {} per token)", config.host(),
                server.port(), millis, api.rateLimitPerSecond(), api.rateLimitBurst());
        out().println("API ready on http://" + config.host() + ":" + server.port() + " (started in " + millis
                + " ms). Stop with Ctrl-C or SIGTERM.");
        out().flush();
        warmUp(useCases);
        stopped.await();
        return ExitCode.OK;
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
