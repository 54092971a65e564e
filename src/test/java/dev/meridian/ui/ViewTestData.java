package dev.meridian.ui;

import static dev.meridian.testing.Telemetry.MS;
import static dev.meridian.testing.Telemetry.T0_NANOS;
import static dev.meridian.testing.Telemetry.span;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TraceId;
import dev.meridian.testing.Telemetry;
import dev.meridian.ui.traces.TraceFixtures;
import java.util.ArrayList;
import java.util.List;

/**
 * The one seed of every browserless view test ({@link ViewTest}), stored once through the real writer.
 * In the window {@link #WINDOW} (ten minutes from {@link Telemetry#T0}):
 * <ul>
 *   <li>spans: {@code shop} serves {@code GET /a} once a minute, always 20 ms except one 900 ms request at
 *       minute 4 and one failed request at minute 6; {@code db} has one CLIENT span per request;</li>
 *   <li>logs: four records of {@code shop} and {@code db} at minutes 1–4, one of them markup, two in trace
 *       {@link #LOG_TRACE};</li>
 *   <li>metrics: gauge {@code jvm.memory.used} of {@code shop}, by {@code jvm.memory.type} ({@code heap}
 *       200 MB + 1 MB a minute, and a markup-named type at 90 MB).</li>
 * </ul>
 * Outside it, a year earlier: the {@link TraceFixtures} checkout trace across three services, which no
 * windowed test sees (its 5,000-span trace is served from memory by {@link ViewTestConfiguration}).
 */
public final class ViewTestData {

    public static final String FROM = Long.toString(Telemetry.T0.toEpochMilli());
    public static final String TO = Long.toString(Telemetry.T0.plusSeconds(600).toEpochMilli());
    public static final String WINDOW = "from=" + FROM + "&to=" + TO;
    public static final String MARKUP = "<img src=x onerror=alert(1)>";
    public static final TraceId LOG_TRACE = new TraceId(1, 7);

    private ViewTestData() {
    }

    static void store(TelemetryWriter writer) {
        writer.write(TelemetryBatch.ofSpans(spans()));
        long minute = 60_000 * MS;
        writer.write(TelemetryBatch.ofLogs(List.of(
                Telemetry.log("shop", T0_NANOS + minute, 9, "hello", TraceId.INVALID, SpanId.NONE),
                Telemetry.log("shop", T0_NANOS + 2 * minute, 13, MARKUP, LOG_TRACE, new SpanId(100)),
                Telemetry.log("shop", T0_NANOS + 3 * minute, 17, "boom", LOG_TRACE, new SpanId(101)),
                Telemetry.log("db", T0_NANOS + 4 * minute, 5, "query", TraceId.INVALID, SpanId.NONE))));
        writer.write(TelemetryBatch.ofMetricPoints(metricPoints()));
        TraceFixtures.store(writer);
    }

    private static List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            long start = T0_NANOS + minute * 60_000 * MS + 5_000 * MS;
            var request = span("shop", "GET /a").trace(minute + 1, 7).id(100 + minute).start(start)
                    .durationMs(minute == 4 ? 900 : 20).attributes("http.response.status_code", minute == 6 ? 500L : 200L);
            if (minute == 6) {
                request.error("boom");
            }
            spans.add(request.build());
            spans.add(span("db", "SELECT").trace(minute + 1, 7).id(200 + minute).parent(100 + minute)
                    .kind(SpanKind.CLIENT).start(start + MS).durationMs(minute == 4 ? 880 : 5).build());
        }
        return spans;
    }

    private static List<MetricPoint> metricPoints() {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            long time = T0_NANOS + minute * 60_000 * MS + 30_000 * MS;
            points.add(Telemetry.gauge("shop", "jvm.memory.used", time, 200e6 + minute * 1e6,
                    Telemetry.attrs("jvm.memory.type", "heap")));
            points.add(Telemetry.gauge("shop", "jvm.memory.used", time, 90e6, Telemetry.attrs("jvm.memory.type", "<b>x</b>")));
        }
        return points;
    }
}
