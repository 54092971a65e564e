package dev.meridian.bench;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One SDK's BatchSpanProcessor and OTLP exporter: one request in flight, the next sent as soon as the last was
 * answered, or at its turn when a rate is set (up to 4 turns late are caught up, as from the SDK's queue; beyond
 * that the spans count as unsent). Retryable answers (429, 502, 503, 504) and failed attempts are
 * retried with the same bytes after Retry-After, or else the SDK's exponential backoff (1 s, ×1.5, at most 5 s,
 * full jitter), until acknowledged or the run ends (then abandoned). Other answers drop the request, as the SDK
 * does. A request counts once however many attempts it took.
 *
 * <p>A request belongs to the measured window when its acknowledgement arrived in it; failures when they happened.
 */
final class Exporter implements Runnable {

    private static final long INITIAL_BACKOFF = 1_000_000_000L;
    private static final long MAX_BACKOFF = 5_000_000_000L;
    /** The SDK's default queue of 2048 spans holds 4 requests of 512: how far an exporter may catch up at a rate. */
    private static final int QUEUED_REQUESTS = 4;

    private final int index;
    private final Map<Integer, List<RequestTemplate>> templates;
    private final Transport transport;
    private final Clock clock;
    private final long intervalNanos;
    private final long firstSend;
    private final TraceStream stream;
    private final LongAdder progress;
    private final byte[] buffer;
    final ExportStats run = new ExportStats();
    final ExportStats window = new ExportStats();

    /** Nano time, epoch nanos, and the run's boundaries in nano time, shared by all exporters. */
    record Clock(long originNanoTime, long originEpochNanos, long windowStart, long windowEnd) {
        long epochNanos(long nanoTime) {
            return originEpochNanos + (nanoTime - originNanoTime);
        }

        boolean inWindow(long nanoTime) {
            return nanoTime >= windowStart && nanoTime < windowEnd;
        }
    }

    /**
     * @param templates     request templates by phase (which span of its trace a request starts with)
     * @param intervalNanos time between this exporter's sends at the target rate; 0 sends back to back
     * @param firstSend     nano time of the first send at the target rate, so that exporters take turns
     * @param progress      acknowledged spans of all exporters, for the progress lines
     */
    Exporter(int index, Map<Integer, List<RequestTemplate>> templates, Transport transport, Clock clock,
            long intervalNanos, long firstSend, TraceStream stream, LongAdder progress) {
        this.index = index;
        this.templates = templates;
        this.transport = transport;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.firstSend = firstSend;
        this.stream = stream;
        this.progress = progress;
        int largest = templates.values().stream().flatMap(List::stream).mapToInt(RequestTemplate::length).max().orElseThrow();
        this.buffer = new byte[Transport.HEADROOM + largest];
    }

    @Override
    public void run() {
        long next = firstSend;
        try (transport) {
            for (int sent = 0; System.nanoTime() < clock.windowEnd(); sent++) {
                if (intervalNanos > 0) {
                    parkUntil(next);
                    if (System.nanoTime() >= clock.windowEnd()) {
                        break;
                    }
                }
                List<RequestTemplate> pool = templates.get((int) (stream.position() % RequestTemplates.SPANS_PER_TRACE));
                RequestTemplate template = pool.get((index * 7 + sent) % pool.size());
                template.writeTo(buffer, Transport.HEADROOM, stream, clock.epochNanos(System.nanoTime()));
                if (!export(template.length(), template.spans(), System.nanoTime())) {
                    break;
                }
                if (intervalNanos > 0) {
                    next += intervalNanos;
                    long late = (System.nanoTime() - next) / intervalNanos - QUEUED_REQUESTS;
                    if (late > 0) { // the SDK's queue is full: what ends now is dropped, not sent later
                        next += late * intervalNanos;
                        count(s -> s.unsentSpans += late * template.spans());
                    }
                }
            }
        }
    }

    /** Sends until acknowledged or dropped; false when the request was abandoned because the run ends first. */
    private boolean export(int length, int spans, long begin) {
        long backoff = INITIAL_BACKOFF;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                count(s -> s.retries++);
            }
            long wait;
            Transport.Response response;
            try {
                response = transport.send(buffer, Transport.HEADROOM, length);
            } catch (IOException e) {
                response = null;
                String kind = "io:" + e.getClass().getSimpleName();
                count(s -> s.failed(kind));
            }
            long now = System.nanoTime();
            if (response != null && response.status() / 100 == 2) {
                run.acknowledged(spans, now - begin);
                progress.add(spans);
                if (clock.inWindow(now)) {
                    window.acknowledged(spans, now - begin);
                }
                return true;
            }
            if (response != null) {
                String status = Integer.toString(response.status());
                count(s -> s.failed(status));
                if (!retryable(response.status())) {
                    count(s -> {
                        s.droppedRequests++;
                        s.droppedSpans += spans;
                    });
                    return true;
                }
            }
            long current = Math.min(backoff, MAX_BACKOFF);
            wait = response == null ? -1 : retryAfterNanos(response.retryAfter());
            if (wait < 0) {
                wait = ThreadLocalRandom.current().nextLong(current);
                backoff = (long) (current * 1.5);
            }
            if (now + wait >= clock.windowEnd()) {
                count(s -> {
                    s.abandonedRequests++;
                    s.abandonedSpans += spans;
                });
                return false;
            }
            parkUntil(now + wait);
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** Retry-After as delay-seconds or an HTTP date, in nanos; -1 when absent or unreadable. */
    static long retryAfterNanos(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1_000_000_000L;
        } catch (NumberFormatException notSeconds) {
            try {
                long millis = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                        - System.currentTimeMillis();
                return Math.max(0, millis) * 1_000_000L;
            } catch (RuntimeException notADate) {
                return -1;
            }
        }
    }

    private void count(Consumer<ExportStats> event) {
        event.accept(run);
        if (clock.inWindow(System.nanoTime())) {
            event.accept(window);
        }
    }

    static void parkUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }
}
