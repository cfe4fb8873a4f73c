package com.che168sync.adapter.postgres;

/**
 * The database's schema is not the one this build expects (never migrated, behind, or a migration failed): the
 * message tells the operator to run {@code ./che168 migrate}. Thrown by {@link PostgresDatabase#verifySchema()}.
 */
public final class SchemaNotCurrentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaNotCurrentException(String message) {
        super(message);
    }
}
