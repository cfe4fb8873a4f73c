package com.che168sync.application.port.out.api;

import java.util.List;

/** Reads the changes feed: normalized listings by the number of their last change. */
public interface LoadChangesPort {
    /** Listings whose last change is numbered in {@code (after, upTo]}, in that order, at most {@code limit}. */
    List<ListingChange> changesBetween(long after, long upTo, int limit);
}
