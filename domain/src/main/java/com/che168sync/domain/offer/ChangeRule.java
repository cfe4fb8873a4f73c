package com.che168sync.domain.offer;

import java.util.Optional;

/**
 * One named rule of the change feed (docs/rules.md#daily-update). {@link ChangeRules#all()} lists them in the order they are tried;
 * the first that answers decides.
 */
public interface ChangeRule {

    /** A short stable name, e.g. {@code removed-unknown}; reported in {@link ChangeOutcome#rule()}. */
    String name();

    /** What the rule guarantees, in one sentence (for documentation and logs). */
    String description();

    /**
     * The outcome of {@code event} on {@code current}, or empty when this rule does not cover the case.
     *
     * @param current the stored listing, or null when its inner_id is unknown
     */
    Optional<ChangeOutcome> apply(Listing current, ChangeEvent event);
}
