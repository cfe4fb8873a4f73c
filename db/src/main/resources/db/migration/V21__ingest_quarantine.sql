-- Items of the source feed that could not be stored as the source sent them (issue 13). A listing is the unit of
-- failure: the rest of its page or day is stored, and the item is kept here with where it came from and why.
--   stored = true:  the listing is in raw_data after a repair (e.g. a NUL character removed, a lone surrogate
--                   replaced by U+FFFD, an unreadable created_at left empty); `original` is what the source sent
--   stored = false: the item could not be stored at all (no inner_id, not an object, bytes PostgreSQL refuses even
--                   after the repair); `original` is all that is left of it
CREATE TABLE ingest_quarantine (
    id             bigserial    PRIMARY KEY,
    job            varchar(16)  NOT NULL,
    page           integer,
    change_id      bigint,
    inner_id       varchar(128),
    reason         text         NOT NULL,
    stored         boolean      NOT NULL,
    original       bytea        NOT NULL,
    quarantined_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT ingest_quarantine_job_check CHECK (job IN ('load', 'update'))
);
CREATE INDEX ingest_quarantine_inner_id_idx ON ingest_quarantine (inner_id);
CREATE INDEX ingest_quarantine_quarantined_at_idx ON ingest_quarantine (quarantined_at);

-- Listings the update created from a change event's fields alone because /offer failed (not a 404): the next
-- update fetches /offer again for them and completes the stored data (the event's fields stay on top).
CREATE TABLE incomplete_listings (
    inner_id    varchar(64)  PRIMARY KEY,
    change_id   bigint       NOT NULL,
    reason      text         NOT NULL,
    attempts    integer      NOT NULL DEFAULT 1,
    recorded_at timestamptz  NOT NULL DEFAULT now()
);
