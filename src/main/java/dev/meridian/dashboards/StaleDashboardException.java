package dev.meridian.dashboards;

/** A save based on an older version than the stored one: someone else saved in between. */
public class StaleDashboardException extends RuntimeException {

    public StaleDashboardException(String id, long expected, long actual) {
        super("dashboard " + id + " was changed by someone else (version " + actual + ", this edit is based on "
                + expected + "); reload it and apply your change again");
    }
}
