package com.che168sync.application.api;

import com.che168sync.application.port.in.api.ChangesPage;
import com.che168sync.application.port.in.api.ChangesQuery;
import com.che168sync.application.port.in.api.GetChangesUseCase;
import com.che168sync.application.port.in.api.InvalidQueryException;
import com.che168sync.application.port.out.api.ListingChange;
import com.che168sync.application.port.out.api.LoadChangesPort;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The changes feed over the settled data version: a page holds the listings whose last change is numbered after the
 * cursor and at most the current version, in number order, so a client that follows {@code next_since} sees every
 * change exactly once in its final state and never one that could still be overtaken by an earlier number. No
 * cursor: the page is empty and starts at the current version ("now"). The cursor is opaque to clients but is just
 * the number: every server process reading the same database understands every other one's cursors.
 */
public final class ChangesService implements GetChangesUseCase {
    private static final String PREFIX = "n1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final LoadChangesPort port;
    private final DataVersionService versions;
    private final int maxLimit;

    public ChangesService(LoadChangesPort port, DataVersionService versions, int maxLimit) {
        this.port = Objects.requireNonNull(port);
        this.versions = Objects.requireNonNull(versions);
        if (maxLimit < 1) {
            throw new IllegalArgumentException("maxLimit must be at least 1");
        }
        this.maxLimit = maxLimit;
    }

    @Override
    public ChangesPage changes(ChangesQuery query) {
        if (query.limit() < 1 || query.limit() > maxLimit) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + maxLimit);
        }
        long version = versions.current();
        if (query.since() == null) {
            return new ChangesPage(List.of(), version, encode(version), false);
        }
        long since = decode(query.since());
        if (since >= version) {
            return new ChangesPage(List.of(), since, encode(since), false);
        }
        List<ListingChange> rows = port.changesBetween(since, version, query.limit() + 1);
        boolean more = rows.size() > query.limit();
        List<ListingChange> items = more ? rows.subList(0, query.limit()) : rows;
        long next = more ? items.get(items.size() - 1).seq() : version;
        return new ChangesPage(items, since, encode(next), more);
    }

    static String encode(long seq) {
        return B64.encodeToString((PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(String cursor) {
        try {
            if (cursor.length() <= 40) {
                String text = new String(B64D.decode(cursor), StandardCharsets.US_ASCII);
                if (text.startsWith(PREFIX)) {
                    long seq = Long.parseLong(text.substring(PREFIX.length()));
                    if (seq >= 0) {
                        return seq;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal (NumberFormatException is one)
        }
        throw new InvalidQueryException("since", "since is not valid: pass meta.next_since exactly as received");
    }
}
