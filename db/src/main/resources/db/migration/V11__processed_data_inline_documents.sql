-- processed_data.normalized_data (~2 KB) is written for every listing on every normalization and read for every
-- detail request. With the default toast_tuple_target (~2 KB) PostgreSQL pglz-compresses most rows on insert and
-- decompresses them on every read; measured, that compression is one of the largest costs of writing a batch.
-- Keep rows up to ~8 KB inline and uncompressed: a bigger heap, cheaper writes and reads (bench normalize).
/* [jooq ignore start] */
ALTER TABLE processed_data SET (toast_tuple_target = 8160);
/* [jooq ignore stop] */
