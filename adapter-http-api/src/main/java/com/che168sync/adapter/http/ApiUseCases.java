package com.che168sync.adapter.http;

import com.che168sync.application.api.DataVersionService;
import com.che168sync.application.port.in.api.AuthenticateUseCase;
import com.che168sync.application.port.in.api.GetChangesUseCase;
import com.che168sync.application.port.in.api.GetFilterValuesUseCase;
import com.che168sync.application.port.in.api.GetOfferUseCase;
import com.che168sync.application.port.in.api.SearchOffersUseCase;
import com.che168sync.application.port.in.api.StatsUseCase;
import com.che168sync.application.api.TokenBucketRateLimiter;
import com.che168sync.application.api.UnauthenticatedRateLimiter;
import java.time.Clock;
import java.util.Objects;

/**
 * What the API server drives: the use cases, the rate limiters (per token; per client address for requests without
 * a valid token), the data version (ETags and the response cache) and the clock.
 */
public record ApiUseCases(SearchOffersUseCase search, GetOfferUseCase offers, GetFilterValuesUseCase filters,
                          StatsUseCase stats, GetChangesUseCase changes, DataVersionService versions,
                          AuthenticateUseCase authenticator, TokenBucketRateLimiter rateLimiter,
                          UnauthenticatedRateLimiter unauthenticatedLimiter, Clock clock) {
    public ApiUseCases {
        Objects.requireNonNull(changes);
        Objects.requireNonNull(versions);
        Objects.requireNonNull(search);
        Objects.requireNonNull(offers);
        Objects.requireNonNull(filters);
        Objects.requireNonNull(stats);
        Objects.requireNonNull(authenticator);
        Objects.requireNonNull(rateLimiter);
        Objects.requireNonNull(unauthenticatedLimiter);
        Objects.requireNonNull(clock);
    }
}
