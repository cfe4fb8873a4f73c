-- The changes feed (GET /changes) and the data version of the API's ETags and response cache (docs/API.md).
--
-- Every write of processed_data that adds a listing or changes anything of it draws the next number of one sequence
-- (a write that leaves the row as it was draws none): processed_data.change_seq is the number of the row's last
-- change, first_change_seq the number it got when it was added. Numbers are drawn inside the normalizer's transactions, in a
-- trigger, so every writer of the table is covered and nothing but the database assigns them.
--
-- Numbers are drawn before their transaction commits, and two transactions can commit in the other order than they
-- drew. A reader must therefore only trust numbers that are settled: every statement that writes processed_data
-- first takes a SHARED transaction-level advisory lock, and a reader that wants the settled horizon takes the same
-- lock EXCLUSIVELY for a moment (it waits for the writes in flight to end) and reads the sequence: every number up
-- to that value then belongs to a transaction that has committed or rolled back. Readers do it at most once per
-- second per server, only when the sequence moved; writers never wait for each other.

CREATE SEQUENCE processed_data_change_seq;

ALTER TABLE processed_data ADD COLUMN change_seq bigint;
ALTER TABLE processed_data ADD COLUMN first_change_seq bigint;

-- listings normalized before this migration: numbered in id order, as if added in that order
/* [jooq ignore start] */
UPDATE processed_data p
   SET change_seq = n.seq, first_change_seq = n.seq
  FROM (SELECT id, nextval('processed_data_change_seq') AS seq FROM (SELECT id FROM processed_data ORDER BY id) o) n
 WHERE p.id = n.id;
/* [jooq ignore stop] */

CREATE UNIQUE INDEX processed_data_change_seq_idx ON processed_data (change_seq);

/* [jooq ignore start] */
CREATE FUNCTION processed_data_lock_changes() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(168168, hashtext('processed_data changes'));
    RETURN NULL;
END
$$;

CREATE FUNCTION processed_data_number_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.change_seq := nextval('processed_data_change_seq');
        NEW.first_change_seq := NEW.change_seq;
    ELSIF NEW IS DISTINCT FROM OLD THEN
        NEW.change_seq := nextval('processed_data_change_seq');
        NEW.first_change_seq := OLD.first_change_seq;
    ELSE
        NEW.change_seq := OLD.change_seq;
        NEW.first_change_seq := OLD.first_change_seq;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER processed_data_lock_changes
    BEFORE INSERT OR UPDATE ON processed_data
    FOR EACH STATEMENT
EXECUTE FUNCTION processed_data_lock_changes();

CREATE TRIGGER processed_data_number_change
    BEFORE INSERT OR UPDATE ON processed_data
    FOR EACH ROW
EXECUTE FUNCTION processed_data_number_change();
/* [jooq ignore stop] */
