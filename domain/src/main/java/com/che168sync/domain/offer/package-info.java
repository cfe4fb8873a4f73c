/**
 * The raw listing and the rules of the change feed: {@link com.che168sync.domain.offer.OfferMerge} (the merge of
 * a {@code changed} event, docs/rules.md#merge-of-a-changed-event), {@link com.che168sync.domain.offer.ChangeRules} (added / changed / removed,
 * unknown listings, the replay guard, docs/rules.md#daily-update) and {@link com.che168sync.domain.offer.ChangeBatch} (a page or a day
 * of events in id order). Pure functions over plain JSON values (Map, List, String, Number, Boolean, null); no
 * dependencies, no clock, no I/O: safe to embed.
 */
package com.che168sync.domain.offer;
