package com.che168sync.application.port.out.api;

import java.util.OptionalLong;

/**
 * The data version: the number of the newest change of the normalized listings (processed_data), from one sequence
 * the normalizer's writes draw. Every server process reading the same database sees the same numbers.
 */
public interface LoadDataVersionPort {
    /** The newest change number drawn, committed or not (one cheap read); equal to the last settled one: no change. */
    long lastDrawn();

    /**
     * The settled version: every change numbered up to it has committed or rolled back, so a reader that looks at
     * the data after this call sees all of them. Waits for the writes in flight to end (a normalizer batch); empty
     * when they did not end within a moment (a long transaction: its data is not visible yet either).
     */
    OptionalLong settled();
}
