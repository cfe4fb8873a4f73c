package com.che168sync.application.api;

import com.che168sync.application.port.in.api.GetOfferUseCase;
import com.che168sync.application.port.in.api.InvalidQueryException;
import com.che168sync.application.port.in.api.OfferLookup;
import com.che168sync.application.port.out.api.LoadOfferPort;
import java.util.Objects;
import java.util.regex.Pattern;

/** One listing: active → found, inactive (removed from che168) → removed, absent → not found. */
public final class GetOfferService implements GetOfferUseCase {
    /** che168 ids are digits; letters, dashes and underscores are allowed for other sources' ids. */
    private static final Pattern INNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final LoadOfferPort port;

    public GetOfferService(LoadOfferPort port) {
        this.port = Objects.requireNonNull(port);
    }

    @Override
    public OfferLookup getOffer(String innerId) {
        if (innerId == null || !INNER_ID.matcher(innerId).matches()) {
            throw new InvalidQueryException("inner_id", "inner_id must be 1 to 64 letters, digits, - or _");
        }
        return port.loadOffer(innerId)
                .<OfferLookup>map(o -> o.active()
                        ? new OfferLookup.Found(o.innerId(), o.normalizedJson(), o.normalizedAt())
                        : new OfferLookup.Removed(o.innerId(), o.normalizedAt()))
                .orElseGet(() -> new OfferLookup.NotFound(innerId));
    }
}
