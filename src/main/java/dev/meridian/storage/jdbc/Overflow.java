package dev.meridian.storage.jdbc;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the entries a full dictionary turned away, and says so in the log at most once a minute (a client
 * sending a new name per span would otherwise write a line per span).
 */
final class Overflow {

    private static final Logger log = LoggerFactory.getLogger(Overflow.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final String dictionary;
    private final long limit;
    private final AtomicLong count = new AtomicLong();
    private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

    Overflow(String dictionary, long limit) {
        this.dictionary = dictionary;
        this.limit = limit;
    }

    /** One entry turned away; {@code example} names it in the log line. */
    void add(Object example) {
        long total = count.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_EVERY_NANOS) {
            lastLogNanos = now;
            String text = String.valueOf(example).replaceAll("\\p{Cntrl}", "?"); // untrusted: no forged log lines
            log.warn("{} holds its limit of {} entries: new entries such as '{}' are stored as overflow ({} so far);"
                            + " raise meridian.storage.limits.* or reduce the cardinality the clients send", dictionary, limit,
                    text.length() > 100 ? text.substring(0, 100) + "…" : text, total);
        }
    }

    long count() {
        return count.get();
    }
}
