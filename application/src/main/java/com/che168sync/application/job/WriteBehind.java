package com.che168sync.application.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Read ahead, write behind: the caller reads (downloads a page, loads a batch) while up to {@code writers} earlier
 * writes run on writer threads, each its own transaction. The caller never runs further ahead than that: a
 * {@link #submit} first waits for the oldest write when {@code writers} are in flight. With one writer, writes run
 * strictly in submission order. A write's failure is rethrown (unchanged if unchecked) by the next {@link #submit},
 * {@link #awaitIdle} or {@link #close}; a write in flight always finishes, even when the caller is interrupted, so no
 * transaction is abandoned halfway.
 *
 * @param <P> what a write will store, as the caller wants to see it before the write has committed
 *            ({@link #inFlight()}); {@code Void} when nothing needs to be seen
 */
public final class WriteBehind<P> implements AutoCloseable {
    private final ExecutorService executor;
    private final int writers;
    private final Deque<Write<P>> inFlight = new ArrayDeque<>();

    private record Write<P>(P pending, Future<?> future) {
    }

    /** {@code writers} threads named {@code threadName}; 1 to 8. */
    public WriteBehind(String threadName, int writers) {
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("writers must be between 1 and 8, got " + writers);
        }
        this.writers = writers;
        this.executor = Executors.newFixedThreadPool(writers, r -> Thread.ofPlatform().name(threadName).daemon()
                .unstarted(r));
    }

    /** Hands {@code write} over and returns at once, after waiting for the oldest write if all writers are busy. */
    public void submit(Runnable write) {
        submit(null, write);
    }

    /** As {@link #submit(Runnable)}; {@code pending} is what the write stores, listed by {@link #inFlight()}. */
    public void submit(P pending, Runnable write) {
        while (inFlight.size() >= writers) {
            await(inFlight.removeFirst());
        }
        inFlight.addLast(new Write<>(pending, executor.submit(write)));
    }

    /**
     * What the writes handed over and not yet awaited will store, oldest first (some may have committed already).
     * Every write handed over before them has committed.
     */
    public List<P> inFlight() {
        List<P> pending = new ArrayList<>(inFlight.size());
        inFlight.forEach(w -> pending.add(w.pending()));
        return pending;
    }

    /** Waits until every submitted write has committed; rethrows the first failure (the others still finish). */
    public void awaitIdle() {
        RuntimeException first = null;
        while (!inFlight.isEmpty()) {
            try {
                await(inFlight.removeFirst());
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Waits for the last writes (rethrowing a failure) and stops the threads. */
    @Override
    public void close() {
        try {
            awaitIdle();
        } finally {
            executor.shutdown();
        }
    }

    private static void await(Write<?> write) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    write.future().get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the write finishes: its transaction must not be abandoned
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
