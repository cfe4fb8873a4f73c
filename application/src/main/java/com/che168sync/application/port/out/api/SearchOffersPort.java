package com.che168sync.application.port.out.api;

import java.util.List;
import java.util.function.Function;

/** Reads pages of active listings from {@code processed_data}. */
public interface SearchOffersPort {
    /**
     * Active listings matching {@code criteria} in {@code sort} order (ties by id; unknown sort keys last).
     *
     * @param after  start strictly after this keyset, or null to start at {@code offset}
     * @param offset rows to skip (0 with a keyset)
     * @param limit  at most this many rows
     */
    List<OfferRow> findPage(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit);

    /** How many active listings match, counting at most {@code cap} (returns {@code cap} when there are more). */
    long countUpTo(OfferCriteria criteria, long cap);

    /** The planner's estimate of how many active listings match (fast, approximate). */
    long estimateCount(OfferCriteria criteria);

    /**
     * {@link #findPage} and {@link #countUpTo}, for a search whose total is not known yet: a database adapter sends
     * both in one round trip. The default reads them one after the other.
     */
    default PageAndCount findPageAndCount(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit,
                                          long cap) {
        return new PageAndCount(findPage(criteria, sort, after, offset, limit), countUpTo(criteria, cap));
    }

    /** A page and the count of all the listings its criteria match, up to the cap. */
    record PageAndCount(List<OfferRow> rows, long count) {
    }

    /**
     * Runs {@code work} with a port whose reads all go through one database session (a search's page, count and
     * estimate: one connection taken from the pool instead of three). The default runs it on this port.
     */
    default <T> T inOneSession(Function<SearchOffersPort, T> work) {
        return work.apply(this);
    }
}
