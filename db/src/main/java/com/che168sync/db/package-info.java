/** The schema of record: the Flyway migrations under {@code db/migration} (with {@link com.che168sync.db.Migrations}) and the jOOQ classes generated from them (docs/adr/0002-jooq-codegen-from-migrations.md). */
package com.che168sync.db;
