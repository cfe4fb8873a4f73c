package com.che168sync.application.normalize;

import java.util.function.Consumer;

/** Hears what a normalization run does, typically to log it (lines carry no secrets and no seller data). */
public interface NormalizeListener {
    /** Silent. */
    NormalizeListener NONE = new NormalizeListener() {
    };

    /** Start, progress and summary lines. */
    default void info(String line) {
    }

    /** Something the operator should look at, the run goes on (e.g. rows of an older normalizer version). */
    default void warning(String line) {
    }

    /** A record or a batch failed. */
    default void error(String line) {
    }

    /** Routes the lines to plain callbacks, e.g. {@code NormalizeListener.logging(log::info, log::warn, log::error)}. */
    static NormalizeListener logging(Consumer<String> info, Consumer<String> warning, Consumer<String> error) {
        return new NormalizeListener() {
            @Override
            public void info(String line) {
                info.accept(line);
            }

            @Override
            public void warning(String line) {
                warning.accept(line);
            }

            @Override
            public void error(String line) {
                error.accept(line);
            }
        };
    }
}
