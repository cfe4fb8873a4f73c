-- Reconciliation (`./che168 reconcile`): a periodic full scan of /offers that repairs what the change feed missed.

-- A listing stored or reactivated by a reconciliation says so.
ALTER TABLE raw_data DROP CONSTRAINT raw_data_source_check;
ALTER TABLE raw_data ADD CONSTRAINT raw_data_source_check
    CHECK (source IN ('initial_load', 'daily_update', 'reconcile'));

-- reconcile_checkpoint: where the scan stands (a single row); the next run resumes after last_page -------------
CREATE TABLE reconcile_checkpoint (
    id               integer      PRIMARY KEY DEFAULT 1,
    started_at       timestamptz  NOT NULL,
    last_page        integer      NOT NULL DEFAULT 0,
    next_page        integer,
    pages_scanned    integer      NOT NULL DEFAULT 0,
    listings_scanned bigint       NOT NULL DEFAULT 0,
    scan_finished_at timestamptz,
    repaired_at      timestamptz,
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT reconcile_checkpoint_single_row_check CHECK (id = 1)
);

-- reconcile_failed_pages: pages the scan gave up on (a scan with any removes nothing) -------------------------
CREATE TABLE reconcile_failed_pages (
    page       integer      PRIMARY KEY,
    attempts   integer      NOT NULL,
    last_error text,
    failed_at  timestamptz  NOT NULL DEFAULT now()
);

-- reconcile_scan: what the scan saw, one row per inner_id (the last page that showed it wins) ----------------
CREATE TABLE reconcile_scan (
    inner_id    varchar(64)  PRIMARY KEY,
    api_id      bigint,
    change_type varchar(16),
    created_at  timestamptz,
    data        jsonb        NOT NULL,
    page        integer      NOT NULL,
    scanned_at  timestamptz  NOT NULL
);

-- reconcile_drift: the scan compared with raw_data (add, reactivate, change, absent → remove / alive / unconfirmed)
CREATE TABLE reconcile_drift (
    inner_id varchar(64)  PRIMARY KEY,
    action   varchar(16)  NOT NULL
);

-- The scan and the drift are working tables, rebuilt by a new scan: no WAL for them (a database crash empties
-- them; the checkpoint's listings_scanned then no longer matches and the scan starts over).
/* [jooq ignore start] */
ALTER TABLE reconcile_scan SET UNLOGGED;
ALTER TABLE reconcile_drift SET UNLOGGED;
/* [jooq ignore stop] */
