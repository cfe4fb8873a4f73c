package com.che168sync.bootstrap.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an orderly stop of a long-running command: while {@link #install()}ed, the
 * signals no longer start the JVM's shutdown; {@link #await()} returns instead, the command closes what it opened in
 * order and ends with exit code 0. {@link #close()} gives the signals back to the JVM.
 */
public final class StopSignal implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private StopSignal() {
    }

    /** Catches SIGINT and SIGTERM from now on (a platform without one of them keeps its default). */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, caught -> s.trigger("SIG" + caught.getName())));
                s.installed.add(signal);
            } catch (IllegalArgumentException unsupported) {
                // e.g. no SIGTERM handler allowed here: the JVM's default stays
            }
        }
        return s;
    }

    /** Stops waiting as if a signal had come (tests, or a fatal error elsewhere). */
    public void trigger(String reason) {
        received = reason;
        stop.countDown();
    }

    /** Blocks until a signal arrives; returns its name (e.g. {@code SIGTERM}). */
    public String await() throws InterruptedException {
        stop.await();
        return received;
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
        installed.clear();
        previous.clear();
    }
}
