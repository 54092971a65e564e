package dev.meridian.storage;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Committed data could not be made durable (the database's sync to disk failed: disk full, I/O error). What
 * was committed is readable, but a crash of the OS could still lose it, so nothing that depends on it may be
 * acknowledged or dropped from a write-ahead log. A storage problem, never a data problem: writing the same
 * data again would store it twice and fail the same way.
 */
public class NotDurableException extends DataAccessResourceFailureException {

    public NotDurableException(String message, Throwable cause) {
        super(message, cause);
    }
}
