package dev.meridian.bench;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What exporters saw over one stretch of time; one per exporter and stretch, written by that exporter's thread
 * only, merged after the threads have ended. Latency is per acknowledged request, from the first attempt to the
 * success answer, retries' waits included, in microseconds.
 */
final class ExportStats {

    long ackedRequests;
    long ackedSpans;
    long retries;
    long droppedRequests;
    long droppedSpans;
    long abandonedRequests;
    long abandonedSpans;
    /** At a target rate: spans the SDK's full queue would have dropped because the exporter fell behind. */
    long unsentSpans;
    /** Answers other than 2xx by status ("429", "503"…), and failed attempts by exception ("io:EOFException"). */
    final Map<String, Long> failures = new TreeMap<>();
    final Histogram latencyMicros = new Histogram(3);

    void acknowledged(int spans, long latencyNanos) {
        ackedRequests++;
        ackedSpans += spans;
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
    }

    void failed(String kind) {
        failures.merge(kind, 1L, Long::sum);
    }

    long failures(String kind) {
        return failures.getOrDefault(kind, 0L);
    }

    long failures() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    ExportStats merge(ExportStats other) {
        ackedRequests += other.ackedRequests;
        ackedSpans += other.ackedSpans;
        retries += other.retries;
        droppedRequests += other.droppedRequests;
        droppedSpans += other.droppedSpans;
        abandonedRequests += other.abandonedRequests;
        abandonedSpans += other.abandonedSpans;
        unsentSpans += other.unsentSpans;
        other.failures.forEach((kind, count) -> failures.merge(kind, count, Long::sum));
        latencyMicros.add(other.latencyMicros);
        return this;
    }

    /** The latency at {@code percentile} in milliseconds; 0 when nothing was acknowledged. */
    double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxLatencyMillis() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }
}
