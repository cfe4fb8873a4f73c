package com.che168sync.application.tokens;

import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.port.out.tokens.ApiTokenStorePort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A fake api_tokens table. */
final class InMemoryApiTokenStore implements ApiTokenStorePort {
    final List<ApiToken> rows = new ArrayList<>();
    int insertAttempts;

    @Override
    public int count() {
        return rows.size();
    }

    @Override
    public Optional<ApiToken> insertIfAbsent(String token, Instant createdAt, Instant expiresAt, String description) {
        insertAttempts++;
        if (findByToken(token).isPresent()) {
            return Optional.empty();
        }
        ApiToken row = new ApiToken(rows.size() + 1, token, createdAt, expiresAt, description, null, null);
        rows.add(row);
        return Optional.of(row);
    }

    @Override
    public List<ApiToken> findAll() {
        return List.copyOf(rows);
    }

    @Override
    public Optional<ApiToken> findById(int id) {
        return rows.stream().filter(t -> t.id() == id).findFirst();
    }

    @Override
    public Optional<ApiToken> findByToken(String token) {
        return rows.stream().filter(t -> t.token().equals(token)).findFirst();
    }

    @Override
    public Optional<ApiToken> revoke(int id, Instant at) {
        return replace(id, t -> new ApiToken(t.id(), t.token(), t.createdAt(), t.expiresAt(), t.description(),
                t.lastUsedAt(), t.revokedAt() == null ? at : t.revokedAt()));
    }

    @Override
    public Optional<ApiToken> describe(int id, String description) {
        return replace(id, t -> new ApiToken(t.id(), t.token(), t.createdAt(), t.expiresAt(), description,
                t.lastUsedAt(), t.revokedAt()));
    }

    private Optional<ApiToken> replace(int id, java.util.function.UnaryOperator<ApiToken> change) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == id) {
                rows.set(i, change.apply(rows.get(i)));
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }
}
