package com.che168sync.application.ingest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A hand-off of depth one to a single writer thread: the database work of page N runs while the caller downloads
 * page N+1, and the caller never runs more than one page ahead. Writes run strictly in submission order. A write's
 * failure is rethrown (unchanged if unchecked) by the next {@link #submit}, {@link #awaitIdle} or {@link #close}.
 */
final class PageWriter implements AutoCloseable {
    private final ExecutorService executor;
    private Future<?> inFlight;

    PageWriter(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the previous write, then hands {@code write} over and returns at once. */
    void submit(Runnable write) {
        awaitIdle();
        inFlight = executor.submit(write);
    }

    /** Waits until every submitted write has committed; rethrows a write's failure. */
    void awaitIdle() {
        Future<?> f = inFlight;
        inFlight = null;
        if (f == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // a write in flight always finishes: its transaction must not be abandoned
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

    /** Waits for the last write (rethrowing its failure) and stops the thread. */
    @Override
    public void close() {
        try {
            awaitIdle();
        } finally {
            executor.shutdown();
        }
    }
}
