package dev.meridian.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of request bytes held by all receivers at once, from the first byte read until the answer is
 * sent. Receivers reserve as they read (so a gzip bomb is charged while it inflates) and release when the
 * request is done, whatever its outcome. Together with the item-bounded queue this keeps ingest memory bounded.
 */
public final class InflightBytes {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public InflightBytes(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** Reserves {@code bytes} if they fit in the budget; returns whether they were reserved. */
    public boolean tryAcquire(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
