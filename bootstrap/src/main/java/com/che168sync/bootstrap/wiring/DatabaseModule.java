package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.JooqWarmUp;
import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.logging.SecretMasker;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of this run: an external PostgreSQL ({@code DB_HOST}) or the embedded one under {@code DATA_DIR},
 * opened on first use, its schema brought up to date (Flyway) or, for {@link SchemaPolicy#VERIFY}, only checked;
 * closed by the {@link Lifecycle} at the end.
 * Repositories inject {@link DSLContext} or {@link DataSource}.
 */
@Module
public final class DatabaseModule {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseModule.class);

    private DatabaseModule() {
    }

    @Provides
    @Singleton
    static PostgresDatabase database(DbConfig db, Lifecycle lifecycle, SchemaPolicy policy) {
        JooqWarmUp.inBackground(); // overlaps jOOQ's one-off start-up cost with attaching and the schema check
        PostgresDatabase database = lifecycle.register(PostgresDatabase.open(postgresSettings(db)));
        if (database.embedded()) { // its own password: masked like DB_PASSWORD, should any message ever carry it
            SecretMasker.global().addSecret(database.password());
        }
        if (policy == SchemaPolicy.VERIFY) {
            String version = database.verifySchema();
            LOG.debug("Schema at version {}, every migration applied", version);
            return database;
        }
        int applied = database.migrate();
        if (applied > 0) {
            LOG.info("Applied {} database migration(s); the schema is at version {}", applied,
                    database.schemaVersion().orElse("?"));
        }
        return database;
    }

    /** The adapter's view of the {@code DB_*} settings. */
    public static PostgresSettings postgresSettings(DbConfig db) {
        return db.embedded()
                ? PostgresSettings.embedded(db.embeddedDataDir(), db.name(), db.poolSize())
                : PostgresSettings.external(db.host().orElseThrow(), db.port(), db.user(), db.password(), db.name(),
                        db.poolSize());
    }

    @Provides
    static DSLContext dsl(PostgresDatabase database) {
        return database.dsl();
    }

    @Provides
    static DataSource dataSource(PostgresDatabase database) {
        return database.dataSource();
    }
}
