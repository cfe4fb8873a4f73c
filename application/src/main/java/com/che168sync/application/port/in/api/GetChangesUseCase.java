package com.che168sync.application.port.in.api;

/** The changes feed: what was added, changed or removed among the normalized listings since a cursor. */
public interface GetChangesUseCase {
    /** @throws InvalidQueryException for a malformed cursor or limit */
    ChangesPage changes(ChangesQuery query);
}
