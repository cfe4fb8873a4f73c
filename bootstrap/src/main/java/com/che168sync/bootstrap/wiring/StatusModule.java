package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.JooqStatusRepository;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.status.LoadStatusPort;
import com.che168sync.application.port.in.status.ShowStatusUseCase;
import com.che168sync.application.status.StatusService;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import org.jooq.DSLContext;

/** The status report ({@code status}). */
@Module
public final class StatusModule {
    private StatusModule() {
    }

    @Provides
    static LoadStatusPort loadStatus(DSLContext dsl) {
        return new JooqStatusRepository(dsl);
    }

    @Provides
    static ShowStatusUseCase showStatus(LoadStatusPort status, OperationLogPort operations, Clock clock) {
        return new StatusService(status, operations, clock);
    }
}
