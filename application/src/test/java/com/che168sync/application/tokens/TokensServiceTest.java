package com.che168sync.application.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.in.tokens.CreateTokensCommand;
import com.che168sync.application.port.in.tokens.InitialTokens;
import com.che168sync.application.port.in.tokens.TokenChange;
import com.che168sync.application.port.in.tokens.TokenRef;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.tokens.ApiToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TokensServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    private final Set<String> heldLocks = new HashSet<>();
    private final JobLockPort locks = name -> heldLocks.add(name)
            ? Optional.of(() -> heldLocks.remove(name)) : Optional.empty();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokensService service = new TokensService(store, locks, clock, new SecureRandom());

    @Test
    void theFirstSetUpCreatesTwentyDistinctWellFormedTokensAndASecondOneNone() {
        InitialTokens first = service.createInitialIfNone();
        assertThat(first).isInstanceOf(InitialTokens.Created.class);
        List<ApiToken> tokens = ((InitialTokens.Created) first).tokens();
        assertThat(tokens).hasSize(20);
        assertThat(tokens).extracting(ApiToken::token).doesNotHaveDuplicates()
                .allMatch(t -> t.matches("[A-Za-z0-9]{16}"));
        assertThat(tokens).allSatisfy(t -> {
            assertThat(t.createdAt()).isEqualTo(NOW);
            assertThat(t.status(NOW)).isEqualTo(ApiToken.Status.ACTIVE);
        });

        assertThat(service.createInitialIfNone()).isEqualTo(new InitialTokens.AlreadyPresent(20));
        assertThat(store.count()).isEqualTo(20);
        assertThat(heldLocks).isEmpty();
    }

    @Test
    void aConcurrentSetUpIsToldSoAndCreatesNothing() {
        heldLocks.add(TokensService.INIT_LOCK);
        assertThat(service.createInitialIfNone()).isInstanceOf(InitialTokens.Busy.class);
        assertThat(store.count()).isZero();
    }

    @Test
    void aTokenThatExistsAlreadyIsDrawnAgain() {
        // draws AAAAAAAAAAAAAAAA twice, then BBBBBBBBBBBBBBBB
        RandomGenerator repeating = new RandomGenerator() {
            private int calls;

            @Override
            public int nextInt(int bound) {
                return calls++ < 32 ? 0 : 1;
            }

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }
        };
        TokensService withRepeats = new TokensService(store, locks, clock, repeating);
        List<ApiToken> created = withRepeats.create(new CreateTokensCommand(2, "ops", null));
        assertThat(created).extracting(ApiToken::token).containsExactly("A".repeat(16), "B".repeat(16));
        assertThat(store.insertAttempts).isEqualTo(3);
    }

    @Test
    void createdTokensCarryTheirDescriptionAndExpiry() {
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        List<ApiToken> created = service.create(new CreateTokensCommand(3, "  partner X  ", expires));
        assertThat(created).hasSize(3).allSatisfy(t -> {
            assertThat(t.description()).isEqualTo("partner X");
            assertThat(t.expiresAt()).isEqualTo(expires);
            assertThat(t.status(expires)).isEqualTo(ApiToken.Status.EXPIRED);
        });
    }

    @Test
    void revokeStopsATokenOnceAndTellsWhenThereIsNothingToDo() {
        ApiToken token = service.create(new CreateTokensCommand(1, null, null)).getFirst();
        TokenChange revoked = service.revoke(new TokenRef.ById(token.id()));
        assertThat(revoked).isInstanceOf(TokenChange.Changed.class);
        assertThat(((TokenChange.Changed) revoked).token().status(NOW)).isEqualTo(ApiToken.Status.REVOKED);
        assertThat(service.revoke(new TokenRef.ByToken(token.token()))).isInstanceOf(TokenChange.Unchanged.class);
        assertThat(service.revoke(new TokenRef.ById(999))).isEqualTo(new TokenChange.NotFound(new TokenRef.ById(999)));
    }

    @Test
    void describeSetsAndClearsTheRecipient() {
        ApiToken token = service.create(new CreateTokensCommand(1, null, null)).getFirst();
        TokenChange described = service.describe(new TokenRef.ById(token.id()), "frontend team (staging)");
        assertThat(((TokenChange.Changed) described).token().description()).isEqualTo("frontend team (staging)");
        TokenChange cleared = service.describe(new TokenRef.ByToken(token.token()), "  ");
        assertThat(((TokenChange.Changed) cleared).token().description()).isNull();
        assertThatThrownBy(() -> service.describe(new TokenRef.ById(token.id()), "line1\nline2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.describe(new TokenRef.ById(token.id()), "x".repeat(501)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandsCannotBeBuiltInvalid() {
        assertThatThrownBy(() -> new CreateTokensCommand(0, null, null)).hasMessageContaining("count");
        assertThatThrownBy(() -> new CreateTokensCommand(1001, null, null)).hasMessageContaining("count");
    }
}
