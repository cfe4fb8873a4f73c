package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.che168.Che168ClientSettings;
import com.che168sync.adapter.che168.Che168Source;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchFiltersPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.application.retry.Sleeper;
import com.che168sync.bootstrap.config.RetryConfig;
import com.che168sync.bootstrap.config.SettingsException;
import com.che168sync.bootstrap.config.SourceConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The che168 source client and the source retry policy. The client is created on first use (commands that never
 * talk to the source never need {@code CHE168_API_KEY}), once per run, and closed with the run.
 */
@Module
public final class SourceModule {
    /** Where each failed source attempt (WARNING) and each give-up (ERROR) is logged. */
    static final Logger RETRY_LOG = LoggerFactory.getLogger("com.che168sync.source.retry");

    private SourceModule() {
    }

    @Provides
    @Singleton
    static Che168Source che168Source(SourceConfig source, Clock clock, Lifecycle lifecycle) {
        return lifecycle.register(Che168Source.create(clientSettings(source), clock));
    }

    /** Maps the product settings onto the client's; an invalid value becomes a {@link SettingsException} naming it. */
    static Che168ClientSettings clientSettings(SourceConfig source) {
        try {
            return new Che168ClientSettings(source.requireBaseUrl(), source.requireApiKey(), source.connectTimeout(),
                    source.readTimeout(), source.callTimeout(), source.userAgent());
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = String.valueOf(e.getMessage());
            String key = message.startsWith("CHE168_") ? message.split("[^A-Z0-9_]", 2)[0]
                    : message.contains("user agent") ? "source.user_agent" : "source.*_timeout";
            throw new SettingsException(key, "Invalid setting " + key + ": " + message);
        }
    }

    @Provides
    static FetchOfferPagePort fetchOfferPage(Che168Source source) {
        return source;
    }

    @Provides
    static FetchChangesPort fetchChanges(Che168Source source) {
        return source;
    }

    @Provides
    static FetchOfferDetailPort fetchOfferDetail(Che168Source source) {
        return source;
    }

    @Provides
    static FetchFiltersPort fetchFilters(Che168Source source) {
        return source;
    }

    @Provides
    static Sleeper sleeper() {
        return Sleeper.threadSleep();
    }

    @Provides
    static RetrySettings retrySettings(RetryConfig retry) {
        try {
            return new RetrySettings(retry.attempts(), retry.interval(), retry.total());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("RETRY_ATTEMPTS", "Invalid retry settings (retry.attempts, retry.interval): "
                    + e.getMessage());
        }
    }

    /** 20 attempts 12 minutes apart by default; each failure logged as a WARNING, giving up as an ERROR. */
    @Provides
    static RetryPolicy retryPolicy(RetrySettings settings, Sleeper sleeper, Clock clock) {
        return new RetryPolicy(settings, sleeper, clock, RetryListener.logging(RETRY_LOG::warn, RETRY_LOG::error));
    }
}
