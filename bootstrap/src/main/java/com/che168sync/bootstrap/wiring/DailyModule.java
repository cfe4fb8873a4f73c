package com.che168sync.bootstrap.wiring;

import com.che168sync.application.daily.DailyJobsService;
import com.che168sync.application.port.in.daily.RunDailyJobsUseCase;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/** {@code daily}: the update and the normalization use cases, one after the other, under the daily lock. */
@Module
public final class DailyModule {
    private DailyModule() {
    }

    @Provides
    static RunDailyJobsUseCase dailyJobs(JobLockPort locks, OperationLogPort operations, JobReporter reporter,
                                         UpdateChangesUseCase update, NormalizeUseCase normalize, Clock clock) {
        return new DailyJobsService(locks, operations, reporter, update, normalize, clock);
    }
}
