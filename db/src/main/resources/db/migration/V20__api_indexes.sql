-- Indexes for the public API (SPEC §5, §8): a filtered, sorted page needs an index whose leading columns give the
-- order (sort key, id: the keyset) and whose trailing columns cover the other filters, so PostgreSQL checks those
-- filters inside the index and reads the table only for rows that match. See docs/API.md, "Indexes".

-- The plain (sort key, id) indexes of V1 are superseded by the wide ones below.
DROP INDEX IF EXISTS processed_data_active_price_idx;
DROP INDEX IF EXISTS processed_data_active_year_idx;
DROP INDEX IF EXISTS processed_data_active_km_age_idx;
DROP INDEX IF EXISTS processed_data_active_newest_idx;

CREATE INDEX processed_data_api_price_idx ON processed_data
    (price, id, year, km_age, mark, engine_type, transmission_type, body_type, drive_type, color, seller_type, city)
    WHERE is_active;
CREATE INDEX processed_data_api_year_idx ON processed_data
    (year, id, price, km_age, mark, engine_type, transmission_type, body_type, drive_type, color, seller_type, city)
    WHERE is_active;
CREATE INDEX processed_data_api_km_age_idx ON processed_data
    (km_age, id, year, price, mark, engine_type, transmission_type, body_type, drive_type, color, seller_type, city)
    WHERE is_active;
CREATE INDEX processed_data_api_newest_idx ON processed_data
    (offer_created, id, year, price, km_age, mark, engine_type, transmission_type, body_type, drive_type, color,
     seller_type, city)
    WHERE is_active;

-- Rows whose sort key is unknown come after all others (NULLS LAST): a tiny index per key for that tail.
CREATE INDEX processed_data_api_price_null_idx ON processed_data (id) WHERE is_active AND price IS NULL;
CREATE INDEX processed_data_api_year_null_idx ON processed_data (id) WHERE is_active AND year IS NULL;
CREATE INDEX processed_data_api_km_age_null_idx ON processed_data (id) WHERE is_active AND km_age IS NULL;
CREATE INDEX processed_data_api_newest_null_idx ON processed_data (id) WHERE is_active AND offer_created IS NULL;

-- The API's "data version" (max(normalized_at)), checked to refresh cached filter values and counts.
CREATE INDEX processed_data_normalized_at_idx ON processed_data (normalized_at);

-- Free-text search (q=) over mark, model and car name with trigrams, when pg_trgm is available (it is part of
-- PostgreSQL's contrib, shipped by Debian's postgresql-15 and the embedded binaries). Without it, q= still works
-- with a sequential filter, only slower; the server logs that at start.
/* [jooq ignore start] */
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'pg_trgm cannot be installed by this user: q= searches run without an index';
            RETURN;
        END;
        CREATE INDEX processed_data_api_search_trgm_idx ON processed_data
            USING gin ((lower(coalesce(mark, '') || ' ' || coalesce(model, '') || ' ' || coalesce(car_name, '')))
                       gin_trgm_ops)
            WHERE is_active;
    ELSE
        RAISE NOTICE 'pg_trgm is not available: q= searches run without an index';
    END IF;
END
$$;
/* [jooq ignore stop] */
