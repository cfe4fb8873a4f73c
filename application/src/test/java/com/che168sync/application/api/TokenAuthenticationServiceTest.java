package com.che168sync.application.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.in.api.Authentication;
import com.che168sync.application.port.out.api.LoadApiTokensPort;
import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenAuthenticationServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final FakeTokens port = new FakeTokens();
    private final MutableClock clock = new MutableClock(NOW);

    private TokenAuthenticationService service() {
        return new TokenAuthenticationService(port, clock, Duration.ofSeconds(30));
    }

    @Test
    void eachKindOfTokenGetsItsAnswer() {
        port.tokens.add(token(1, "GoodToken0000001", null, null));
        port.tokens.add(token(2, "RevokedToken0001", null, NOW.minusSeconds(1)));
        port.tokens.add(token(3, "ExpiredToken0001", NOW, null));
        port.tokens.add(token(4, "LaterToken000001", NOW.plusSeconds(1), null));
        TokenAuthenticationService auth = service();
        assertThat(reason(auth.authenticate(null))).isEqualTo(Authentication.Reason.MISSING);
        assertThat(reason(auth.authenticate(""))).isEqualTo(Authentication.Reason.MISSING);
        assertThat(reason(auth.authenticate("short"))).isEqualTo(Authentication.Reason.MALFORMED);
        assertThat(reason(auth.authenticate("GoodToken000000!"))).isEqualTo(Authentication.Reason.MALFORMED);
        assertThat(reason(auth.authenticate("GoodToken0000002"))).isEqualTo(Authentication.Reason.INVALID);
        assertThat(reason(auth.authenticate("RevokedToken0001"))).isEqualTo(Authentication.Reason.INVALID);
        assertThat(reason(auth.authenticate("ExpiredToken0001"))).isEqualTo(Authentication.Reason.EXPIRED);
        assertThat(auth.authenticate("GoodToken0000001")).isEqualTo(new Authentication.Authenticated(
                new Authentication.ApiClient(1, "client 1")));
        assertThat(auth.authenticate("LaterToken000001")).isInstanceOf(Authentication.Authenticated.class);
        assertThat(port.loads).as("one table read for all of it").isEqualTo(1);
    }

    @Test
    void theTableIsReadAgainOnlyAfterTheTtlSoARevocationTakesEffectThen() {
        port.tokens.add(token(1, "GoodToken0000001", null, null));
        TokenAuthenticationService auth = service();
        assertThat(auth.authenticate("GoodToken0000001")).isInstanceOf(Authentication.Authenticated.class);
        port.tokens.set(0, token(1, "GoodToken0000001", null, NOW));
        clock.advance(Duration.ofSeconds(29));
        assertThat(auth.authenticate("GoodToken0000001")).isInstanceOf(Authentication.Authenticated.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reason(auth.authenticate("GoodToken0000001"))).isEqualTo(Authentication.Reason.INVALID);
        assertThat(port.loads).isEqualTo(2);
    }

    @Test
    void usesAreWrittenInOneBatchWithTheNewestTimeAndKeptWhenTheWriteFails() {
        port.tokens.add(token(1, "GoodToken0000001", null, null));
        port.tokens.add(token(2, "GoodToken0000002", null, null));
        TokenAuthenticationService auth = service();
        assertThat(auth.flushLastUsed()).isZero();
        auth.authenticate("GoodToken0000001");
        clock.advance(Duration.ofSeconds(5));
        auth.authenticate("GoodToken0000001");
        auth.authenticate("GoodToken0000002");
        port.failNext = true;
        assertThatThrownBy(auth::flushLastUsed).isInstanceOf(IllegalStateException.class);
        assertThat(auth.flushLastUsed()).isEqualTo(2);
        assertThat(port.written).containsEntry(1, NOW.plusSeconds(5)).containsEntry(2, NOW.plusSeconds(5));
        assertThat(port.writes).isEqualTo(1);
        assertThat(auth.flushLastUsed()).isZero();
    }

    private static Authentication.Reason reason(Authentication a) {
        return ((Authentication.Rejected) a).reason();
    }

    private static ApiToken token(int id, String token, Instant expires, Instant revoked) {
        return new ApiToken(id, token, NOW.minusSeconds(3600), expires, "client " + id, null, revoked);
    }

    private static final class FakeTokens implements LoadApiTokensPort {
        final List<ApiToken> tokens = new ArrayList<>();
        final Map<Integer, Instant> written = new HashMap<>();
        int loads;
        int writes;
        boolean failNext;

        @Override
        public List<ApiToken> loadTokens() {
            loads++;
            return List.copyOf(tokens);
        }

        @Override
        public void recordLastUsed(Map<Integer, Instant> lastUsed) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database down");
            }
            writes++;
            written.putAll(lastUsed);
        }
    }
}
