-- che168-sync schema (SPEC §2). PostgreSQL 15 or newer.
-- This file is also the input of jOOQ's code generator (DDLDatabase): parts its parser does not
-- understand are fenced with [jooq ignore start/stop]; SchemaDriftIT checks the result against
-- a real PostgreSQL migrated by Flyway.

-- raw_data: every listing exactly as the source gave it, one row per inner_id ------------------
CREATE TABLE raw_data (
    id                 bigserial    PRIMARY KEY,
    inner_id           varchar(64)  NOT NULL,
    api_id             bigint,
    change_type        varchar(16),
    created_at         timestamptz,
    data               jsonb        NOT NULL,
    first_loaded_at    timestamptz  NOT NULL DEFAULT now(),
    last_updated_at    timestamptz  NOT NULL DEFAULT now(),
    source             varchar(16)  NOT NULL,
    active_status      integer      NOT NULL DEFAULT 0,
    is_processed       boolean      NOT NULL DEFAULT false,
    last_change_id     bigint,
    -- normalization bookkeeping: the last error and how often this version of the row failed
    normalize_error    text,
    normalize_attempts integer      NOT NULL DEFAULT 0,
    CONSTRAINT raw_data_inner_id_key UNIQUE (inner_id),
    CONSTRAINT raw_data_active_status_check CHECK (active_status IN (0, 1)),
    CONSTRAINT raw_data_source_check CHECK (source IN ('initial_load', 'daily_update')),
    CONSTRAINT raw_data_change_type_check CHECK (change_type IN ('added', 'changed', 'removed'))
);
-- the normalizer's queue
CREATE INDEX raw_data_unprocessed_idx ON raw_data (id) WHERE is_processed = false;
CREATE INDEX raw_data_active_status_idx ON raw_data (active_status);
CREATE INDEX raw_data_last_updated_at_idx ON raw_data (last_updated_at);

-- processed_data: normalized listings, one row per inner_id (linked to raw_data by value) ------
CREATE TABLE processed_data (
    id                       bigserial     PRIMARY KEY,
    inner_id                 varchar(64)   NOT NULL,
    is_active                boolean       NOT NULL DEFAULT true,
    mark                     varchar(128),
    model                    varchar(256),
    configuration            varchar(512),
    car_name                 varchar(512),
    year                     integer,
    first_registration       date,
    price                    bigint,
    km_age                   integer,
    engine_type              varchar(32),
    engine_type_source       varchar(256),
    transmission_type        varchar(32),
    transmission_type_source varchar(256),
    body_type                varchar(32),
    body_type_source         varchar(256),
    drive_type               varchar(32),
    drive_type_source        varchar(256),
    color                    varchar(32),
    color_source             varchar(256),
    displacement             numeric(5, 2),
    power                    integer,
    city                     varchar(128),
    province                 varchar(128),
    seller_type              varchar(16),
    is_dealer                boolean,
    salon_id                 varchar(64),
    offer_created            date,
    normalized_data          jsonb         NOT NULL,
    normalizer_version       integer       NOT NULL,
    raw_updated_at           timestamptz,
    normalized_at            timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT processed_data_inner_id_key UNIQUE (inner_id),
    CONSTRAINT processed_data_seller_type_check CHECK (seller_type IN ('dealer', 'private'))
);
CREATE INDEX processed_data_active_mark_model_idx ON processed_data (mark, model, price, id) WHERE is_active;
CREATE INDEX processed_data_active_price_idx ON processed_data (price, id) WHERE is_active;
CREATE INDEX processed_data_active_year_idx ON processed_data (year, id) WHERE is_active;
CREATE INDEX processed_data_active_km_age_idx ON processed_data (km_age, id) WHERE is_active;
CREATE INDEX processed_data_active_newest_idx ON processed_data (offer_created, id) WHERE is_active;
CREATE INDEX processed_data_normalizer_version_idx ON processed_data (normalizer_version);

-- api_tokens: the frontend's keys, created by the CLI --------------------------------------------
CREATE TABLE api_tokens (
    id           serial       PRIMARY KEY,
    token        varchar(16)  NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    description  text,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_tokens_token_key UNIQUE (token)
);
/* [jooq ignore start] */
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_token_format_check CHECK (token ~ '^[A-Za-z0-9]{16}$');
/* [jooq ignore stop] */

-- operations_log: one row per run of a job ------------------------------------------------------
CREATE TABLE operations_log (
    id             serial        PRIMARY KEY,
    operation_type varchar(32)   NOT NULL,
    started_at     timestamptz   NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    duration       numeric(12, 3),
    status         varchar(16)   NOT NULL,
    details        text,
    stats          jsonb,
    CONSTRAINT operations_log_status_check CHECK (status IN ('RUNNING', 'OK', 'ERROR'))
);
CREATE INDEX operations_log_operation_type_idx ON operations_log (operation_type);
CREATE INDEX operations_log_started_at_idx ON operations_log (started_at);
CREATE INDEX operations_log_status_idx ON operations_log (status);

-- sync_state: where the daily update stands -----------------------------------------------------
CREATE TABLE sync_state (
    id                   serial       PRIMARY KEY,
    last_successful_date date,
    last_change_id       bigint,
    updated_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX sync_state_last_successful_date_idx ON sync_state (last_successful_date);

-- load_checkpoint: where the initial load stands (a single row) ---------------------------------
CREATE TABLE load_checkpoint (
    id             integer      PRIMARY KEY DEFAULT 1,
    load_start_date date        NOT NULL,
    started_at     timestamptz  NOT NULL DEFAULT now(),
    last_page      integer      NOT NULL DEFAULT 0,
    next_page      integer,
    pages_loaded   integer      NOT NULL DEFAULT 0,
    finished_at    timestamptz,
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT load_checkpoint_single_row_check CHECK (id = 1)
);

-- load_failed_pages: pages the initial load gave up on, for `load --refetch-failed` --------------
CREATE TABLE load_failed_pages (
    page        integer      PRIMARY KEY,
    attempts    integer      NOT NULL,
    last_error  text,
    failed_at   timestamptz  NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
