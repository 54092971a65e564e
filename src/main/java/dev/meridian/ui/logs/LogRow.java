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
    private boolean fresh;

    LogRow(LogRecord record, boolean fresh) {
        this.record = record;
        this.key = Key.of(record);
        this.fresh = fresh;
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
