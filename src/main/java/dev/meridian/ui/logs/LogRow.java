package dev.meridian.ui.logs;

import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TraceId;

/**
 * One grid row. Rows are equal only to themselves, so the grid keeps a row's expanded details while
 * live tail adds rows around it; {@link #key()} finds records already shown.
 */
final class LogRow {

    private final LogRecord record;
    private final Key key;
    private final long bodyChars;
    private boolean fresh;

    LogRow(LogRecord record, boolean fresh) {
        this.record = record;
        this.key = Key.of(record);
        this.bodyChars = switch (record.body()) {
            case null -> 0;
            case String text -> text.length();
            case byte[] bytes -> bytes.length * 2L; // shown as hex
            case Object other -> LogText.value(other).length();
        };
        this.fresh = fresh;
    }

    /** The body's size in characters, what the buffer's memory budget counts. */
    long bodyChars() {
        return bodyChars;
    }

    LogRecord record() {
        return record;
    }

    Key key() {
        return key;
    }

    long timeNanos() {
        return record.effectiveTimeNanos();
    }

    /** Arrived with the latest live-tail poll: highlighted briefly. */
    boolean fresh() {
        return fresh;
    }

    void settle() {
        fresh = false;
    }

    /** What tells two stored records apart well enough to skip one already shown. */
    record Key(long timeNanos, long observedNanos, int severityNumber, String service, TraceId traceId, SpanId spanId,
               Object body) {
        static Key of(LogRecord record) {
            return new Key(record.timeNanos(), record.observedTimeNanos(), record.severityNumber(), record.serviceName(),
                    record.traceId(), record.spanId(), record.body() instanceof byte[] ? LogText.value(record.body()) : record.body());
        }
    }
}
