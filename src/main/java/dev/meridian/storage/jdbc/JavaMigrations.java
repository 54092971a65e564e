package dev.meridian.storage.jdbc;

import org.flywaydb.core.api.migration.JavaMigration;

/** The schema migrations written in Java (binary columns), which Flyway runs with the SQL ones. */
public final class JavaMigrations {

    private JavaMigrations() {
    }

    public static JavaMigration[] all() {
        return new JavaMigration[] {new SpansToRuns(), new SideIndexToPostings(), new RunsToTraceIndex()};
    }
}
