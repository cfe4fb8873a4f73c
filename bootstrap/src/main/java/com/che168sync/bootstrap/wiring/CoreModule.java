package com.che168sync.bootstrap.wiring;

import com.che168sync.bootstrap.config.ApiConfig;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.config.LoadConfig;
import com.che168sync.bootstrap.config.LoggingConfig;
import com.che168sync.bootstrap.config.NormalizeConfig;
import com.che168sync.bootstrap.config.RetryConfig;
import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.config.SourceConfig;
import com.che168sync.bootstrap.config.UpdateConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** Settings records and the clock, for every other module to inject. */
@Module
public final class CoreModule {
    private CoreModule() {
    }

    @Provides
    @Singleton
    static Lifecycle lifecycle() {
        return new Lifecycle();
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    static DbConfig db(Settings settings) {
        return settings.db();
    }

    @Provides
    static SourceConfig source(Settings settings) {
        return settings.source();
    }

    @Provides
    static RetryConfig retry(Settings settings) {
        return settings.retry();
    }

    @Provides
    static LoadConfig load(Settings settings) {
        return settings.load();
    }

    @Provides
    static UpdateConfig update(Settings settings) {
        return settings.update();
    }

    @Provides
    static NormalizeConfig normalize(Settings settings) {
        return settings.normalize();
    }

    @Provides
    static ApiConfig api(Settings settings) {
        return settings.api();
    }

    @Provides
    static LoggingConfig logging(Settings settings) {
        return settings.logging();
    }
}
