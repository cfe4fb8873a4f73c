package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.ops.JobLockPort.JobLock;
import com.che168sync.db.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresJobLockRepositoryIT {
    private DataSource db;

    @BeforeEach
    void database() {
        db = PostgresFixture.shared().newDatabase().dataSource();
    }

    @Test
    void aSecondRunOfTheSameJobIsRefusedUntilTheFirstEnds() {
        PostgresJobLockRepository first = new PostgresJobLockRepository(db);
        PostgresJobLockRepository second = new PostgresJobLockRepository(db); // as another process would
        Optional<JobLock> held = first.tryLock("daily");
        assertThat(held).isPresent();
        assertThat(second.tryLock("daily")).isEmpty();
        assertThat(second.tryLock("serve-maintenance")).isPresent().get().satisfies(JobLock::close);
        held.get().close();
        Optional<JobLock> again = second.tryLock("daily");
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void theLockDiesWithItsSession() throws Exception {
        PostgresJobLockRepository locks = new PostgresJobLockRepository(db);
        JobLock held = locks.tryLock("load").orElseThrow();
        // kill the backend holding the lock, as a crash of the process would
        String ours = "FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                + PostgresJobLockRepository.LOCK_NAMESPACE;
        try (Connection admin = db.getConnection(); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) " + ours);
            // the backend releases its locks when it has exited, a moment later
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) " + ours)) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
        }
        Optional<JobLock> next = locks.tryLock("load");
        assertThat(next).isPresent();
        next.get().close();
        held.close(); // its session is gone: closing must not throw
    }
}
