package dev.meridian.bench;

import java.util.SplittableRandom;

/**
 * One exporter's stream of traces, as its SDK would produce them: fresh trace and span ids, the trace being
 * written (a trace cut by a request boundary goes on in the next request), and the clock.
 *
 * <p>Ids are unique within a run by construction, not by luck: each is a bijective mix of a per-run,
 * per-exporter base plus a counter, so no two inputs, and hence no two ids, are equal.
 */
final class TraceStream {

    private final SplittableRandom random;
    private final long spreadNanos;
    private final long spanBase;
    private final long traceBase;
    private long spanSeq;
    private long traceSeq;
    private long position;

    long traceHigh;
    long traceLow;
    long rootSpanId;
    long rootStart;
    long rootDuration;
    long userId;
    long orderId;

    TraceStream(long runSeed, int exporter, long spreadNanos) {
        this.random = new SplittableRandom(mix(runSeed ^ (exporter + 1L) * 0x9E3779B97F4A7C15L));
        this.spreadNanos = spreadNanos;
        this.spanBase = mix(runSeed) + ((long) exporter << 40);
        this.traceBase = mix(~runSeed) + ((long) exporter << 40);
    }

    /** How many spans this stream has put into requests: which of a trace's 8 spans comes next. */
    long position() {
        return position;
    }

    void advance(int spans) {
        position += spans;
    }

    /** Starts a trace whose root ended up to {@code spread} before {@code now} and took {@code duration}. */
    void beginTrace(long now, long duration) {
        traceHigh = random.nextLong();
        traceLow = mix(traceBase + ++traceSeq);
        rootSpanId = nextSpanId();
        rootDuration = duration;
        rootStart = now - (spreadNanos == 0 ? 0 : random.nextLong(spreadNanos)) - duration;
        userId = random.nextInt(10_000_000);
        orderId = random.nextLong(10_000_000_000L);
    }

    long nextSpanId() {
        long id = mix(spanBase + ++spanSeq);
        return id != 0 ? id : mix(spanBase + ++spanSeq); // only one input maps to 0
    }

    /** SplitMix64's finalizer: a bijection on 64-bit values that looks random. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
