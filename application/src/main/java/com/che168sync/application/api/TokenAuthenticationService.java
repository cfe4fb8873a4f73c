package com.che168sync.application.api;

import com.che168sync.application.port.in.api.AuthenticateUseCase;
import com.che168sync.application.port.in.api.Authentication;
import com.che168sync.application.port.out.api.LoadApiTokensPort;
import com.che168sync.application.port.out.tokens.ApiToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates API requests against {@code api_tokens} without a database query per request and without timing
 * leaks:
 * <ul>
 *   <li>the table is read at most once per {@code cacheTtl} (a new, revoked or changed token takes effect within
 *       that time) and held as a map keyed by the SHA-256 of each token, so looking a presented token up reveals
 *       nothing through timing about stored tokens; the match is confirmed with a constant-time comparison;</li>
 *   <li>a malformed token is refused before any lookup, an unknown one never reaches the database;</li>
 *   <li>uses are collected in memory and written by {@link #flushLastUsed()} (called periodically and at
 *       shutdown), one statement for all tokens used since the last flush.</li>
 * </ul>
 */
public final class TokenAuthenticationService implements AuthenticateUseCase {
    private static final int TOKEN_LENGTH = 16;

    private final LoadApiTokensPort port;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<Integer, Instant> pendingLastUsed = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    public TokenAuthenticationService(LoadApiTokensPort port, Clock clock, Duration cacheTtl) {
        this.port = Objects.requireNonNull(port);
        this.clock = Objects.requireNonNull(clock);
        this.ttlMillis = cacheTtl.toMillis();
    }

    @Override
    public Authentication authenticate(String presentedToken) {
        if (presentedToken == null || presentedToken.isEmpty()) {
            return new Authentication.Rejected(Authentication.Reason.MISSING);
        }
        if (!wellFormed(presentedToken)) {
            return new Authentication.Rejected(Authentication.Reason.MALFORMED);
        }
        byte[] presented = presentedToken.getBytes(StandardCharsets.US_ASCII);
        Entry entry = snapshot().byDigest().get(digest(presented));
        if (entry == null || !MessageDigest.isEqual(entry.secret(), presented) || entry.token().revokedAt() != null) {
            return new Authentication.Rejected(Authentication.Reason.INVALID);
        }
        Instant now = clock.instant();
        if (entry.token().expiresAt() != null && !now.isBefore(entry.token().expiresAt())) {
            return new Authentication.Rejected(Authentication.Reason.EXPIRED);
        }
        pendingLastUsed.merge(entry.token().id(), now, (a, b) -> a.isAfter(b) ? a : b);
        return new Authentication.Authenticated(entry.client());
    }

    /**
     * Writes the {@code last_used_at} of every token used since the last flush. On failure the uses are kept for
     * the next flush and the exception is rethrown.
     *
     * @return how many tokens were written
     */
    public int flushLastUsed() {
        if (pendingLastUsed.isEmpty()) {
            return 0;
        }
        Map<Integer, Instant> batch = new HashMap<>();
        for (Integer id : List.copyOf(pendingLastUsed.keySet())) {
            Instant used = pendingLastUsed.remove(id);
            if (used != null) {
                batch.put(id, used);
            }
        }
        try {
            port.recordLastUsed(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, used) -> pendingLastUsed.merge(id, used, (a, b) -> a.isAfter(b) ? a : b));
            throw e;
        }
        return batch.size();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current != null && now - current.loadedAt() < ttlMillis) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current == null || now - current.loadedAt() >= ttlMillis) {
                Map<String, Entry> byDigest = new HashMap<>();
                for (ApiToken t : port.loadTokens()) {
                    if (t.token() != null && wellFormed(t.token())) {
                        byte[] secret = t.token().getBytes(StandardCharsets.US_ASCII);
                        byDigest.put(digest(secret), new Entry(t, secret,
                                new Authentication.ApiClient(t.id(), t.description())));
                    }
                }
                current = new Snapshot(Map.copyOf(byDigest), now);
                snapshot = current;
            }
            return current;
        }
    }

    private static boolean wellFormed(String token) {
        if (token.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static String digest(byte[] token) {
        return java.util.HexFormat.of().formatHex(Sha256.digest(token));
    }

    private record Entry(ApiToken token, byte[] secret, Authentication.ApiClient client) {
    }

    private record Snapshot(Map<String, Entry> byDigest, long loadedAt) {
    }
}
