package com.che168sync.bootstrap.wiring;

import com.che168sync.bootstrap.config.Settings;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The object graph of one run of the CLI. Everything is created lazily: a command that never asks for the database
 * never starts one.
 *
 * <p>To add a feature: write {@code XModule} (a {@code @Module} in this package, {@code @Provides} methods that
 * {@code new} your services and adapters), add it to {@code modules} below, and add a provision method for what your
 * command needs in the section marked for features. Commands get the component with {@code app()} (see
 * {@code AppCommand}).
 */
@Singleton
@Component(modules = {
        CoreModule.class,
        SourceModule.class,
})
public interface AppComponent {
    Settings settings();

    Clock clock();

    /** Closed by {@code Main} when the command ends. */
    Lifecycle lifecycle();

    // ---- features: one provision method per use case a command needs -------------------------------------------

    /** Creates the component for one run. */
    @Component.Factory
    interface Factory {
        AppComponent create(@BindsInstance Settings settings);
    }
}
