package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.ingest.PostgresIngestRepository;
import com.che168sync.application.ingest.IngestSettings;
import com.che168sync.application.ingest.LoadCatalogueService;
import com.che168sync.application.ingest.UpdateChangesService;
import com.che168sync.application.port.in.ingest.LoadCatalogueUseCase;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.bootstrap.config.LoadConfig;
import com.che168sync.bootstrap.config.LoggingConfig;
import com.che168sync.bootstrap.config.SourceConfig;
import com.che168sync.bootstrap.config.UpdateConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** The initial load and the daily update (issue 4): services, their repository and their console/log lines. */
@Module
public final class IngestModule {
    /**
     * Load pages, and update pages that do not complete a day, commit with {@code synchronous_commit = off}: a crash
     * can only lose whole pages together with their checkpoint, or before the day's durable sync_state, which the
     * next run fetches again (docs/adr/0041-async-commit-for-load-pages.md).
     */
    static final boolean ASYNC_COMMIT = true;

    private IngestModule() {
    }

    @Provides
    static IngestSettings ingestSettings(LoadConfig load, UpdateConfig update, SourceConfig source,
            LoggingConfig logging) {
        return new IngestSettings(load.estimatedTotal(), logging.progressInterval(), update.fetchUnknownDetails(),
                source.feedZone(), RetrySettings.of(update.detailAttempts(), update.detailInterval()),
                update.detailBudget());
    }

    @Provides
    @Singleton
    static PostgresIngestRepository ingestRepository(DataSource dataSource, PostgresDatabase database) {
        return new PostgresIngestRepository(dataSource, ASYNC_COMMIT, database.description());
    }

    @Provides
    static LoadCatalogueUseCase loadCatalogue(FetchOfferPagePort source, PostgresIngestRepository repository,
            RetryPolicy retry, JobLockPort locks, OperationLogPort operations, JobReporter reporter,
            IngestSettings settings, Clock clock) {
        return new LoadCatalogueService(source, repository, repository, retry, locks, operations, reporter, settings,
                clock);
    }

    @Provides
    static UpdateChangesUseCase updateChanges(FetchChangesPort changes, FetchOfferDetailPort details,
            PostgresIngestRepository repository, RetryPolicy retry, JobLockPort locks, OperationLogPort operations,
            JobReporter reporter, IngestSettings settings, Clock clock) {
        return new UpdateChangesService(changes, details, repository, repository, retry, locks, operations, reporter,
                settings, clock);
    }
}
