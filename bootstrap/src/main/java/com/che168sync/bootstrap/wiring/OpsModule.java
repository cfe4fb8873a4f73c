package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import dagger.Module;
import dagger.Provides;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/** What every job uses: its operations_log row and the one-run-at-a-time lock. */
@Module
public final class OpsModule {
    private OpsModule() {
    }

    @Provides
    static OperationLogPort operationLog(DSLContext dsl) {
        return new JooqOperationLogRepository(dsl);
    }

    @Provides
    static JobLockPort jobLock(DataSource dataSource) {
        return new PostgresJobLockRepository(dataSource);
    }
}
