package com.che168sync.adapter.postgres;

import com.che168sync.db.jooq.DefaultSchema;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jOOQ's first query in a JVM costs about half a second (loading and initialising jOOQ and the generated schema
 * classes); a job would pay it inside its measured run, an API request on its first call. {@link #inBackground()}
 * pays it on a daemon thread while the process does its other start-up work (attaching to the database, checking
 * the schema), by rendering a query against every generated table. It touches no database.
 */
public final class JooqWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(JooqWarmUp.class);

    private JooqWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void inBackground() {
        Thread t = new Thread(JooqWarmUp::run, "jooq-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void run() {
        long started = System.nanoTime();
        try {
            DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
            for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                dsl.select(table.fields()).from(table).where(DSL.trueCondition()).limit(1).getSQL();
                dsl.insertInto(table).columns(table.fields()).values(new Object[table.fields().length])
                        .onConflictDoNothing().getSQL();
            }
            LOG.debug("jOOQ warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("jOOQ warm-up skipped: {}", e.toString());
        }
    }
}
