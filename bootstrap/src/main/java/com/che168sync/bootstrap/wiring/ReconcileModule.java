package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.che168.Che168Source;
import com.che168sync.adapter.postgres.ingest.PostgresReconcileRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.in.reconcile.ReconcileUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.reconcile.ReconcileService;
import com.che168sync.application.reconcile.ReconcileSettings;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.bootstrap.config.LoadConfig;
import com.che168sync.bootstrap.config.LoggingConfig;
import com.che168sync.bootstrap.config.ReconcileConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.sql.DataSource;

/** The reconciliation (issue 11): the service over the source client and its PostgreSQL repository. */
@Module
public final class ReconcileModule {
    private ReconcileModule() {
    }

    @Provides
    static ReconcileConfig reconcileConfig(com.che168sync.bootstrap.config.Settings settings) {
        return settings.reconcile();
    }

    @Provides
    static ReconcileSettings reconcileSettings(ReconcileConfig reconcile, LoadConfig load, LoggingConfig logging) {
        return new ReconcileSettings(reconcile.maxChangeShare(), reconcile.confirmBudget(), load.estimatedTotal(),
                logging.progressInterval());
    }

    @Provides
    static ReconcileUseCase reconcile(Che168Source source, DataSource dataSource, RetryPolicy retry, JobLockPort locks,
            OperationLogPort operations, JobReporter reporter, ReconcileSettings settings, Clock clock) {
        // the scan's pages commit like the load's: a crash loses whole pages together with their checkpoint
        return new ReconcileService(source, source, new PostgresReconcileRepository(dataSource,
                IngestModule.ASYNC_COMMIT), retry, locks, operations, reporter, settings, clock);
    }
}
