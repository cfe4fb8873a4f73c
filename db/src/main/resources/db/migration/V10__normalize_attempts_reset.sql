-- Normalization bookkeeping (SPEC §3.4, issue 5): a record that failed normalization `max_attempts` times leaves
-- the normalizer's queue "until the raw row changes". This trigger makes "changes" exact whoever writes the row
-- (initial load, daily update, a re-fetch): when data or active_status really change, the failure count and the
-- last error start over. It fires only for UPDATEs that set those columns (the normalizer's own flag updates
-- don't), and compares the values, so re-applying the same event changes nothing.
/* [jooq ignore start] */
CREATE FUNCTION raw_data_reset_normalize_attempts() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.normalize_attempts := 0;
    NEW.normalize_error := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER raw_data_reset_normalize_attempts
    BEFORE UPDATE OF data, active_status ON raw_data
    FOR EACH ROW
    WHEN (OLD.data IS DISTINCT FROM NEW.data OR OLD.active_status IS DISTINCT FROM NEW.active_status)
EXECUTE FUNCTION raw_data_reset_normalize_attempts();
/* [jooq ignore stop] */
