package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import dagger.Module;
import dagger.Provides;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every job uses: its operations_log row, the one-run-at-a-time lock and where its lines go. */
@Module
public final class OpsModule {
    /** Where the jobs' progress, warnings and errors go (console and log file); per-page lines at DEBUG. */
    static final Logger JOB_LOG = LoggerFactory.getLogger("com.che168sync.job");

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

    @Provides
    static JobReporter jobReporter() {
        return new JobReporter() {
            @Override
            public void info(String line) {
                JOB_LOG.info(line);
            }

            @Override
            public void detail(String line) {
                JOB_LOG.debug(line);
            }

            @Override
            public void warn(String line) {
                JOB_LOG.warn(line);
            }

            @Override
            public void error(String line, Throwable cause) {
                JOB_LOG.error(line);
                if (cause != null) {
                    JOB_LOG.debug("Cause of the error above", cause);
                }
            }
        };
    }
}
