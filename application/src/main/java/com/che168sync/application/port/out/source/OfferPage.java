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
 */
public record OfferPage(int page, List<SourceOffer> offers, Integer nextPage) {
    public OfferPage {
        offers = List.copyOf(offers);
        if (nextPage != null && nextPage <= page) {
            throw new SourceMalformedResponseException("next_page " + nextPage + " does not advance past page " + page);
        }
    }

    public boolean isLast() {
        return nextPage == null;
    }
}
