package com.che168sync.adapter.http;

import com.che168sync.application.port.in.api.AuthenticateUseCase;
import com.che168sync.application.port.in.api.Authentication;
import com.che168sync.application.api.RateDecision;
import com.che168sync.application.api.TokenBucketRateLimiter;
import com.che168sync.application.api.UnauthenticatedRateLimiter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token check and rate limit for every route except {@code /health}: {@code Authorization: Bearer <token>} or
 * {@code X-API-Key: <token>} (a Bearer token counts when both are sent; an {@code Authorization} header of another
 * scheme does not hide an {@code X-API-Key}); refused → 401. Then the token's bucket: the {@code RateLimit-*} headers on every
 * response, 429 with {@code Retry-After} when empty. The token is never logged: a client is named by the token's
 * description and row id.
 *
 * <p>Requests without a valid token are limited per client address ({@link UnauthenticatedRateLimiter}; IPv6 per
 * /64 network, the unit one subscriber gets): over that limit they get 429 with {@code Retry-After} instead of 401,
 * logged once a minute per address, never with the presented token. The address is the TCP peer's: behind a
 * reverse proxy every client has the proxy's ({@code X-Forwarded-For} is not trusted).
 */
final class AuthFilter implements Filter {
    static final HeaderName API_KEY = HeaderNames.create("X-API-Key");
    static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
    static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
    static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    private final AuthenticateUseCase authenticator;
    private final TokenBucketRateLimiter limiter;
    private final UnauthenticatedRateLimiter unauthenticated;
    private final Clock clock;
    private final Map<Integer, Long> lastLogged = new ConcurrentHashMap<>();

    AuthFilter(AuthenticateUseCase authenticator, TokenBucketRateLimiter limiter,
               UnauthenticatedRateLimiter unauthenticated, Clock clock) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.unauthenticated = unauthenticated;
        this.clock = clock;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.prologue().method() == Method.OPTIONS || Routes.isPublic(req.path().path())) {
            chain.proceed();
            return;
        }
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION).map(String::strip);
        Optional<String> apiKey = req.headers().first(API_KEY).map(String::strip);
        boolean bearer = authorization.isPresent() && authorization.get().regionMatches(true, 0, "Bearer ", 0, 7);
        // an Authorization header of another scheme (e.g. Basic, added by a proxy or a browser) does not hide a key
        boolean useAuthorization = bearer || authorization.isPresent() && apiKey.isEmpty();
        String header = useAuthorization ? "Authorization" : "X-API-Key";
        Authentication result;
        if (useAuthorization) {
            result = bearer
                    ? authenticator.authenticate(authorization.get().substring(7).strip())
                    : new Authentication.Rejected(Authentication.Reason.MALFORMED);
        } else {
            result = authenticator.authenticate(apiKey.orElse(null));
        }
        switch (result) {
            case Authentication.Rejected rejected -> {
                String address = clientAddress(req);
                UnauthenticatedRateLimiter.Decision d = unauthenticated.acquire(address);
                if (d.rate().allowed()) {
                    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"che168-sync\"");
                    Responses.error(req, res, 401, rejected.reason().code(), rejected.reason().message(), header);
                } else {
                    if (d.report()) {
                        LOG.warn("Rate limit exceeded by unauthenticated client {}: more than {} requests without a "
                                + "valid token (last: {}); answered 429 (logged once a minute per address)",
                                d.bucket(), d.rate().limit(), rejected.reason().code());
                    }
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(d.rate().retryAfterSeconds()));
                    Responses.error(req, res, 429, "rate_limited", "too many requests without a valid token from "
                            + "this address; retry after " + d.rate().retryAfterSeconds() + " s", null);
                }
            }
            case Authentication.Authenticated ok -> {
                RateDecision d = limiter.acquire(ok.client().tokenId());
                res.header(LIMIT, Integer.toString(d.limit()));
                res.header(REMAINING, Integer.toString(d.remaining()));
                res.header(RESET, Long.toString(d.resetSeconds()));
                if (d.allowed()) {
                    chain.proceed();
                } else {
                    logExceeded(ok.client());
                    res.header(HeaderNames.RETRY_AFTER, Long.toString(d.retryAfterSeconds()));
                    Responses.error(req, res, 429, "rate_limited", "too many requests: at most " + d.limit()
                            + " at once; retry after " + d.retryAfterSeconds() + " s", null);
                }
            }
        }
    }

    /** The client's address as the limit without a token counts it: see {@link #addressKey}. */
    static String clientAddress(RoutingRequest req) {
        SocketAddress peer = req.remotePeer().address();
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null ? addressKey(inet.getAddress())
                : String.valueOf(peer);
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 network (one subscriber's usual allocation). */
    static String addressKey(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] prefix = Arrays.copyOf(v6.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                return address.getHostAddress();
            }
        }
        return address.getHostAddress();
    }

    private void logExceeded(Authentication.ApiClient client) {
        long now = clock.millis();
        Long previous = lastLogged.get(client.tokenId());
        if (previous == null || now - previous >= LOG_EVERY_MILLIS) {
            lastLogged.put(client.tokenId(), now);
            LOG.warn("Rate limit exceeded by {}", client.label());
        }
    }
}
