package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.normalize.PostgresNormalizationRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.normalize.NormalizeService;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.config.LoggingConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;

import javax.sql.DataSource;

/** Normalization (docs/rules.md#normalization): the use case over the PostgreSQL repository, logging through SLF4J. */
@Module
public final class NormalizeModule {
    private NormalizeModule() {
    }

    /** Writer connections: two (reading and writing overlap), fewer when the pool is small. */
    static int writers(DbConfig db) {
        // the lock holds one connection, the reader one, operations_log one at the start and the end
        return Math.max(1, Math.min(2, db.poolSize() - 3));
    }

    @Provides
    static NormalizeUseCase normalize(DataSource dataSource, OperationLogPort operations, JobLockPort locks,
                                      JobReporter reporter, Clock clock, DbConfig db, LoggingConfig logging,
                                      PostgresDatabase database) {
        PostgresNormalizationRepository repository = new PostgresNormalizationRepository(dataSource,
                database.description());
        return new NormalizeService(repository, repository, operations, locks, clock,
                reporter, writers(db), logging.progressInterval());
    }
}
