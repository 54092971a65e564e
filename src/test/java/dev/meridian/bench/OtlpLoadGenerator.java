package dev.meridian.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Not a test: sends OTLP/HTTP protobuf traces as a fleet of OpenTelemetry SDKs would, to any OTLP/HTTP endpoint
 * (Meridian, a Collector, {@link DecodeOnlyReceiver}), and prints throughput, export latency, refusals and its own
 * CPU time.
 * <pre>
 * bench/ingest.sh --endpoint http://localhost:4318 --exporters 8 --batch 512 --spread 4s --warmup 10s --duration 60s
 * </pre>
 * Each of {@code --exporters} threads is one SDK's BatchSpanProcessor: one request of {@code --batch} spans in
 * flight, back to back or at its share of {@code --rate}. Spans come from {@link RequestTemplates} (what is
 * sent) and {@link RequestTemplate} (how it is sent cheaply: serialized once, ids, times and
 * high-cardinality values patched per send), so the generator costs little of the CPU it shares with the server.
 *
 * <p>"Acknowledged" means a 2xx answer. The measured window counts requests acknowledged in it; the whole-run
 * total, warm-up and the requests still in flight at the end included, is what the server must have stored.
 */
public final class OtlpLoadGenerator {

    private OtlpLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if ("usage".equals(e.getMessage())) {
                System.out.println(LoadOptions.USAGE);
                return;
            }
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        long seed = ThreadLocalRandom.current().nextLong();
        RequestTemplates fleet = new RequestTemplates(seed, options.services());
        Map<Integer, List<RequestTemplate>> templates = new LinkedHashMap<>();
        for (int phase : RequestTemplates.phases(options.batch())) {
            templates.put(phase, fleet.build(phase, options.batch(), options.templates()));
        }
        selfCheck(templates, options);
        if (options.printRequest()) {
            RequestTemplate template = templates.get(0).getFirst();
            byte[] buffer = new byte[template.length()];
            template.writeTo(buffer, 0, new TraceStream(seed, 0, options.spread().toNanos()), System.currentTimeMillis() * 1_000_000L);
            System.out.println(JsonFormat.printer().print(ExportTraceServiceRequest.parseFrom(buffer)));
            return;
        }
        List<RequestTemplate> all = templates.values().stream().flatMap(List::stream).toList();
        double bytesPerSpan = all.stream().mapToDouble(t -> (double) t.length() / t.spans()).average().orElseThrow();

        System.out.printf("OTLP load generator -> %s (%s client)%n", options.tracesUri(),
                options.client().equals("raw") ? "raw socket HTTP/1.1" : "java.net.http HTTP/1.1");
        System.out.printf("  %d exporters x %d spans per request, %s, spread %s, warm-up %s, measured %s%n",
                options.exporters(), options.batch(),
                options.rate() > 0 ? String.format("target %,d spans/s", options.rate()) : "back to back",
                LoadOptions.format(options.spread()), LoadOptions.format(options.warmup()), LoadOptions.format(options.duration()));
        System.out.printf("  %d services, %d request templates, %.0f bytes per span on the wire (%,d bytes per request)%n",
                options.services(), all.size(), bytesPerSpan, Math.round(bytesPerSpan * options.batch()));

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int cpus = Runtime.getRuntime().availableProcessors();
        long origin = System.nanoTime();
        Instant startedAt = Instant.now();
        long originEpoch = startedAt.getEpochSecond() * 1_000_000_000L + startedAt.getNano();
        long windowStart = origin + options.warmup().toNanos();
        Exporter.Clock clock = new Exporter.Clock(origin, originEpoch, windowStart, windowStart + options.duration().toNanos());
        long interval = options.rate() == 0 ? 0
                : Math.max(1, Math.round(1e9 * options.batch() * options.exporters() / options.rate()));
        HttpClient jdk = options.client().equals("jdk") ? JdkHttpTransport.client(options.timeout()) : null;
        LongAdder progress = new LongAdder();
        List<Exporter> exporters = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < options.exporters(); e++) {
            Transport transport = jdk != null ? new JdkHttpTransport(jdk, options.tracesUri(), options.timeout())
                    : new RawHttpTransport(options.tracesUri(), options.timeout());
            Exporter exporter = new Exporter(e, templates, transport, clock, interval, origin + interval * e / options.exporters(),
                    new TraceStream(seed, e, options.spread().toNanos()), progress);
            exporters.add(exporter);
            threads.add(Thread.ofPlatform().name("exporter-" + e).start(exporter));
        }

        long cpuAtStart = 0;
        long gcAtStart = 0;
        boolean measuring = false;
        long lastSpans = 0;
        long lastReport = origin;
        for (long tick = origin + 5_000_000_000L; ; tick += 5_000_000_000L) {
            long wake = Math.min(tick, measuring ? clock.windowEnd() : windowStart);
            Exporter.parkUntil(wake);
            if (!measuring && wake == windowStart) {
                cpuAtStart = os.getProcessCpuTime();
                gcAtStart = gcMillis();
                os.getCpuLoad(); // the next call reports the load since this one
                measuring = true;
            }
            if (wake == clock.windowEnd()) {
                break;
            }
            if (wake == tick) {
                long spans = progress.sum();
                System.out.printf("  %5.0f s %-9s %,10.0f spans/s acknowledged%n", (tick - origin) / 1e9,
                        measuring ? "measured" : "warm-up", (spans - lastSpans) / ((tick - lastReport) / 1e9));
                lastSpans = spans;
                lastReport = tick;
            } else {
                tick -= 5_000_000_000L; // woke for the window start: the tick is still ahead
            }
        }
        long cpuNanos = os.getProcessCpuTime() - cpuAtStart;
        long gcMillis = gcMillis() - gcAtStart;
        double machineLoad = os.getCpuLoad();
        for (Thread thread : threads) {
            thread.join();
        }
        if (jdk != null) {
            jdk.close();
        }
        ExportStats window = new ExportStats();
        ExportStats run = new ExportStats();
        for (Exporter exporter : exporters) {
            window.merge(exporter.window);
            run.merge(exporter.run);
        }
        report(options, window, run, cpuNanos, gcMillis, machineLoad, cpus, startedAt);
    }

    private static void report(LoadOptions options, ExportStats window, ExportStats run, long cpuNanos, long gcMillis,
            double machineLoad, int cpus, Instant startedAt) {
        double seconds = options.duration().toNanos() / 1e9;
        double spansPerSecond = window.ackedSpans / seconds;
        double cores = cpuNanos / 1e9 / seconds;
        String failures = window.failures.isEmpty() ? "none" : window.failures.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        System.out.println();
        System.out.printf("Measured window: %s, from %s%n", LoadOptions.format(options.duration()),
                startedAt.plus(options.warmup()));
        System.out.printf("  exporters / batch / spread        %d / %d spans / %s%n", options.exporters(), options.batch(),
                LoadOptions.format(options.spread()));
        System.out.printf("  acknowledged requests             %,d (%,.1f/s)%n", window.ackedRequests, window.ackedRequests / seconds);
        System.out.printf("  acknowledged spans                %,d%n", window.ackedSpans);
        System.out.printf("  spans/s acknowledged              %,.0f%n", spansPerSecond);
        System.out.printf("  export latency ms                 p50 %.1f   p90 %.1f   p99 %.1f   max %.1f   (per acknowledged request, retries' waits included)%n",
                window.latencyMillis(50), window.latencyMillis(90), window.latencyMillis(99), window.maxLatencyMillis());
        System.out.printf("  429 answers                       %,d%n", window.failures("429"));
        System.out.printf("  retries                           %,d%n", window.retries);
        System.out.printf("  failures by status                %s%n", failures);
        System.out.printf("  dropped (not retryable)           %,d requests%n", window.droppedRequests);
        if (options.rate() > 0) {
            System.out.printf("  target rate                       %,d spans/s: %.1f%% reached; %,d spans unsent (exporters fell"
                    + " behind by more than the SDK queue holds)%n", options.rate(), 100 * spansPerSecond / options.rate(), window.unsentSpans);
        }
        System.out.printf("  generator CPU                     %.1f s = %.2f cores = %.0f%% of %d cores; %.2f µs per span; GC %,d ms%n",
                cpuNanos / 1e9, cores, 100 * cores / cpus, cpus, window.ackedSpans == 0 ? 0 : cpuNanos / 1e3 / window.ackedSpans, gcMillis);
        System.out.printf("  machine CPU load                  %s%n", machineLoad < 0 ? "unknown" : String.format("%.0f%% of %d cores (everything running)", 100 * machineLoad, cpus));
        System.out.println();
        System.out.printf("Whole run (warm-up, window, and answers after it): %,d requests = %,d spans acknowledged"
                + " (a server that stores what it acknowledges holds at least these); %,d requests = %,d spans dropped,"
                + " %,d = %,d abandoned while retrying at the end; failures %s%n",
                run.ackedRequests, run.ackedSpans, run.droppedRequests, run.droppedSpans, run.abandonedRequests,
                run.abandonedSpans, run.failures.isEmpty() ? "none" : run.failures);
        System.out.printf("ACKED_SPANS_TOTAL %d%n", run.ackedSpans);
        System.out.printf("RESULT spans_per_s=%.0f requests_per_s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f"
                        + " acked_spans=%d acked_spans_total=%d http_429=%d retries=%d failures=%d dropped=%d"
                        + " gen_cpu_cores=%.3f gen_cpu_share=%.3f exporters=%d batch=%d spread_s=%.1f duration_s=%.0f%n",
                spansPerSecond, window.ackedRequests / seconds, window.latencyMillis(50), window.latencyMillis(90),
                window.latencyMillis(99), window.maxLatencyMillis(), window.ackedSpans, run.ackedSpans, window.failures("429"),
                window.retries, window.failures(), window.droppedRequests, cores, cores / cpus, options.exporters(),
                options.batch(), options.spread().toNanos() / 1e9, seconds);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0).sum();
    }

    /**
     * Patches consecutive requests of one stream, every phase among them, and reads them back with the protobuf
     * classes: every span has fresh ids, each child points at its trace's root (in the same request or an earlier
     * one), times lie in the spread before now, high-cardinality values are filled in.
     */
    private static void selfCheck(Map<Integer, List<RequestTemplate>> templates, LoadOptions options) throws Exception {
        TraceStream stream = new TraceStream(1, 0, options.spread().toNanos());
        long now = System.currentTimeMillis() * 1_000_000L;
        Set<ByteString> spanIds = new HashSet<>();
        Map<ByteString, ByteString> rootsByTrace = new HashMap<>(); // across requests: a trace may go on in the next
        for (long position = 0, checked = 0; checked < 2L * templates.size() * RequestTemplates.SPANS_PER_TRACE; checked++) {
            RequestTemplate template = templates.get((int) (stream.position() % RequestTemplates.SPANS_PER_TRACE)).getFirst();
            byte[] buffer = new byte[Transport.HEADROOM + template.length()];
            template.writeTo(buffer, Transport.HEADROOM, stream, now);
            position += template.spans();
            var request = ExportTraceServiceRequest.parseFrom(ByteString.copyFrom(buffer, Transport.HEADROOM, template.length()));
            List<Span> spans = request.getResourceSpans(0).getScopeSpansList().stream().flatMap(s -> s.getSpansList().stream()).toList();
            for (Span span : spans) {
                if (span.getParentSpanId().isEmpty()) {
                    rootsByTrace.put(span.getTraceId(), span.getSpanId());
                }
            }
            for (Span span : spans) {
                boolean idsOk = spanIds.add(span.getSpanId()) && !span.getTraceId().equals(ByteString.copyFrom(new byte[16]));
                ByteString root = rootsByTrace.get(span.getTraceId());
                boolean parentOk = span.getParentSpanId().isEmpty() || span.getParentSpanId().equals(root);
                boolean timesOk = span.getStartTimeUnixNano() <= span.getEndTimeUnixNano() && span.getEndTimeUnixNano() <= now
                        && span.getStartTimeUnixNano() > now - options.spread().toNanos() - 10_000_000_000L;
                boolean valueOk = span.getAttributesList().stream().filter(a -> RequestTemplates.VALUE_KEYS.contains(a.getKey()))
                        .allMatch(a -> a.getValue().getStringValue().matches("(user|ORD)-\\d+"));
                if (spans.size() != template.spans() || !idsOk || !parentOk || !timesOk || !valueOk) {
                    throw new IllegalStateException("self-check failed at position " + position + ": " + span);
                }
            }
        }
    }
}
