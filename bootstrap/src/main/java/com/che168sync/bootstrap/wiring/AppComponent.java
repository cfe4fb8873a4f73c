package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.application.port.in.ingest.LoadCatalogueUseCase;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.in.daily.RunDailyJobsUseCase;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.in.status.ShowStatusUseCase;
import com.che168sync.application.port.in.tokens.ManageTokensUseCase;
import com.che168sync.bootstrap.config.Settings;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import javax.sql.DataSource;
import org.jooq.DSLContext;

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
        DatabaseModule.class,
        OpsModule.class,
        TokensModule.class,
        StatusModule.class,
        SourceModule.class,
        ApiModule.class,
        NormalizeModule.class,
        IngestModule.class,
        DailyModule.class,
        ReconcileModule.class,
})
public interface AppComponent {
    Settings settings();

    Clock clock();

    /** Closed by {@code Main} when the command ends. */
    Lifecycle lifecycle();

    // ---- database (opened on first use; migrated, or only checked: SchemaPolicy) --------------------------------

    PostgresDatabase database();

    DSLContext dsl();

    DataSource dataSource();

    OperationLogPort operationLog();

    JobLockPort jobLock();

    // ---- features: one provision method per use case a command needs -------------------------------------------

    ManageTokensUseCase tokens();

    ShowStatusUseCase status();

    // ---- public API (serve, bench api) ----

    com.che168sync.adapter.http.ApiUseCases apiUseCases();

    com.che168sync.application.api.TokenAuthenticationService apiAuthenticator();

    com.che168sync.adapter.http.ApiServerConfig apiServerConfig();

    // ---- normalization (normalize, daily) ----

    NormalizeUseCase normalize();

    // ---- initial load and daily update (load, update, daily) ----

    LoadCatalogueUseCase loadCatalogue();

    UpdateChangesUseCase updateChanges();

    RunDailyJobsUseCase dailyJobs();

    // ---- reconciliation (reconcile) ----

    com.che168sync.application.port.in.reconcile.ReconcileUseCase reconcile();

    /** Creates the component for one run. */
    @Component.Factory
    interface Factory {
        AppComponent create(@BindsInstance Settings settings, @BindsInstance SchemaPolicy schemaPolicy);
    }
}
