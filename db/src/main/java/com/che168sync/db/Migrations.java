package com.che168sync.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema of record: Flyway scripts under {@code classpath:db/migration}. */
public final class Migrations {
    /** Where the scripts live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** A Flyway instance for the given database, configured the one way the product uses. */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
    }

    /** Applies every pending migration; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }
}
