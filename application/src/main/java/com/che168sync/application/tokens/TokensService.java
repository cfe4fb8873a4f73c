package com.che168sync.application.tokens;

import com.che168sync.application.port.in.tokens.CreateTokensCommand;
import com.che168sync.application.port.in.tokens.Descriptions;
import com.che168sync.application.port.in.tokens.InitialTokens;
import com.che168sync.application.port.in.tokens.ManageTokensUseCase;
import com.che168sync.application.port.in.tokens.TokenChange;
import com.che168sync.application.port.in.tokens.TokenRef;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.port.out.tokens.ApiTokenStorePort;
import com.che168sync.application.port.out.tokens.TokenFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** {@link ManageTokensUseCase} over the token store; tokens drawn from the given (secure) random generator. */
public final class TokensService implements ManageTokensUseCase {
    /** Name of the lock that keeps two first set-ups from both creating 20 tokens. */
    static final String INIT_LOCK = "init-tokens";
    private static final int MAX_DRAWS_PER_TOKEN = 100;

    private final ApiTokenStorePort store;
    private final JobLockPort locks;
    private final Clock clock;
    private final RandomGenerator random;

    public TokensService(ApiTokenStorePort store, JobLockPort locks, Clock clock, RandomGenerator random) {
        this.store = store;
        this.locks = locks;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public InitialTokens createInitialIfNone() {
        Optional<JobLockPort.JobLock> lock = locks.tryLock(INIT_LOCK);
        if (lock.isEmpty()) {
            return new InitialTokens.Busy();
        }
        try (JobLockPort.JobLock held = lock.get()) {
            int existing = store.count();
            if (existing > 0) {
                return new InitialTokens.AlreadyPresent(existing);
            }
            return new InitialTokens.Created(create(new CreateTokensCommand(INITIAL_COUNT, null, null)));
        }
    }

    @Override
    public List<ApiToken> create(CreateTokensCommand command) {
        Instant now = clock.instant();
        List<ApiToken> created = new ArrayList<>(command.count());
        for (int i = 0; i < command.count(); i++) {
            created.add(insertUnique(now, command));
        }
        return created;
    }

    private ApiToken insertUnique(Instant now, CreateTokensCommand command) {
        for (int draw = 0; draw < MAX_DRAWS_PER_TOKEN; draw++) {
            Optional<ApiToken> inserted = store.insertIfAbsent(TokenFormat.generate(random), now,
                    command.expiresAt(), command.description());
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
        throw new IllegalStateException("could not draw a unique token in " + MAX_DRAWS_PER_TOKEN
                + " attempts: the random generator is broken");
    }

    @Override
    public List<ApiToken> list() {
        return store.findAll();
    }

    @Override
    public TokenChange revoke(TokenRef ref) {
        Optional<ApiToken> token = find(ref);
        if (token.isEmpty()) {
            return new TokenChange.NotFound(ref);
        }
        if (token.get().revokedAt() != null) {
            return new TokenChange.Unchanged(token.get(), "already revoked at " + token.get().revokedAt());
        }
        return store.revoke(token.get().id(), clock.instant())
                .<TokenChange>map(TokenChange.Changed::new)
                .orElseGet(() -> new TokenChange.NotFound(ref));
    }

    @Override
    public TokenChange describe(TokenRef ref, String description) {
        String text = Descriptions.clean(description);
        Optional<ApiToken> token = find(ref);
        if (token.isEmpty()) {
            return new TokenChange.NotFound(ref);
        }
        return store.describe(token.get().id(), text)
                .<TokenChange>map(TokenChange.Changed::new)
                .orElseGet(() -> new TokenChange.NotFound(ref));
    }

    private Optional<ApiToken> find(TokenRef ref) {
        return switch (ref) {
            case TokenRef.ById byId -> store.findById(byId.id());
            case TokenRef.ByToken byToken -> store.findByToken(byToken.token());
        };
    }
}
