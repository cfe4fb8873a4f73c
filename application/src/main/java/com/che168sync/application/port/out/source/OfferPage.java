package com.che168sync.application.port.out.source;

import java.util.List;

/**
 * One page of {@code /offers}.
 *
 * @param page     the page asked for
 * @param offers   its items (20 on a full page; may repeat an inner_id of an earlier page)
 * @param nextPage the next page to ask for, or null when this was the last one (source sent null, 0 or nothing).
 *                 The adapter guarantees {@code nextPage > page}: a page that points backwards is a
 *                 {@link SourceMalformedResponseException}, never a loop.
 * @param defects  items of the page that could not be taken as sent (left out of {@code offers}, or kept there
 *                 repaired); the page itself is good
 */
public record OfferPage(int page, List<SourceOffer> offers, Integer nextPage, List<ItemDefect> defects) {
    public OfferPage {
        offers = List.copyOf(offers);
        defects = List.copyOf(defects);
        if (nextPage != null && nextPage <= page) {
            throw new SourceMalformedResponseException("next_page " + nextPage + " does not advance past page " + page);
        }
    }

    /** A page without defects. */
    public OfferPage(int page, List<SourceOffer> offers, Integer nextPage) {
        this(page, offers, nextPage, List.of());
    }

    public boolean isLast() {
        return nextPage == null;
    }
}
