package com.che168sync.application.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WriteBehindTest {
    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    void theCallerReadsOnWhileTheWriteRunsAndWritesCommitInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WriteBehind<String> writer = new WriteBehind<>("test-writer", 1)) {
            writer.submit("page 1", () -> {
                await(release);
                done.add("page 1");
            });
            // back at once: page 1 is still being written, and says what it will store
            assertThat(done).isEmpty();
            assertThat(writer.inFlight()).containsExactly("page 1");
            release.countDown();
            writer.submit("page 2", () -> done.add("page 2"));
            assertThat(done).startsWith("page 1");
            writer.awaitIdle();
            assertThat(writer.inFlight()).isEmpty();
        }
        assertThat(done).containsExactly("page 1", "page 2");
    }

    @Test
    void theCallerIsNeverMoreThanTheWritersAhead() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        try (WriteBehind<Void> writer = new WriteBehind<>("test-writer", 2)) {
            writer.submit(() -> {
                await(first);
                done.add("batch 1");
            });
            writer.submit(() -> {
                await(second);
                done.add("batch 2");
            });
            Thread caller = Thread.ofPlatform().start(() -> {
                writer.submit(() -> done.add("batch 3"));
                done.add("batch 3 handed over");
            });
            awaitBlocked(caller);
            assertThat(done).isEmpty();
            first.countDown();
            caller.join();
            assertThat(done).startsWith("batch 1").contains("batch 3 handed over").doesNotContain("batch 2");
            second.countDown();
        }
        assertThat(done).contains("batch 1", "batch 2", "batch 3", "batch 3 handed over");
    }

    @Test
    void aFailedWriteIsRethrownByTheNextHandOffAndNothingAfterItIsWritten() {
        WriteBehind<Void> writer = new WriteBehind<>("test-writer", 1);
        writer.submit(() -> {
            throw new IllegalStateException("the database went away");
        });
        assertThatThrownBy(() -> writer.submit(() -> done.add("page 2")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the database went away");
        writer.close();
        assertThat(done).isEmpty();
    }

    @Test
    void closeRethrowsTheLastWritesFailure() {
        assertThatThrownBy(() -> {
            try (WriteBehind<Void> writer = new WriteBehind<>("test-writer", 2)) {
                writer.submit(() -> done.add("batch 1"));
                writer.submit(() -> {
                    throw new IllegalArgumentException("value too long");
                });
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("value too long");
        assertThat(done).containsExactly("batch 1");
    }

    @Test
    void anInterruptedCallerStillWaitsForTheWriteInFlightAndKeepsItsInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        try (WriteBehind<Void> writer = new WriteBehind<>("test-writer", 1)) {
            writer.submit(() -> {
                await(release);
                done.add("page 1");
            });
            Thread.ofPlatform().start(() -> {
                main.interrupt();
                awaitBlocked(main);
                release.countDown();
            });
            writer.awaitIdle();
            assertThat(done).containsExactly("page 1");
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void theNumberOfWritersIsBounded() {
        assertThatThrownBy(() -> new WriteBehind<Void>("test-writer", 0)).hasMessageContaining("between 1 and 8");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until {@code thread} waits (for a write to finish). */
    private static void awaitBlocked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).isTrue();
            Thread.onSpinWait();
        }
    }
}
