package dev.meridian.storage.jdbc;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Java migration with its version, description and a fixed checksum (its version: the class may be refactored
 * without Flyway calling the applied migration changed), run in the migration's transaction.
 */
abstract class NumberedMigration implements JavaMigration {

    private final int version;
    private final String description;

    NumberedMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return version;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
