package dev.meridian.ui;

import static dev.meridian.testing.Telemetry.MS;
import static dev.meridian.testing.Telemetry.T0_NANOS;
import static dev.meridian.testing.Telemetry.span;

import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.testing.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the browserless view tests store through the real writer: {@code shop} serves {@code GET /a}
 * once a minute for ten minutes from {@link Telemetry#T0}, always 20 ms except one 900 ms request at
 * minute 4 and one failed request at minute 6; {@code db} has one CLIENT span per request.
 */
public final class ViewTestData {

    public static final String FROM = Long.toString(Telemetry.T0.toEpochMilli());
    public static final String TO = Long.toString(Telemetry.T0.plusSeconds(600).toEpochMilli());
    public static final String WINDOW = "from=" + FROM + "&to=" + TO;

    private ViewTestData() {
    }

    public static void properties(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("meridian-view-test").toString();
        registry.add("meridian.data-dir", () -> dataDir);
        registry.add("meridian.otlp.grpc-port", () -> 0);
        registry.add("meridian.otlp.http-port", () -> 0);
    }

    public static void store(TelemetryWriter writer) {
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
        writer.write(TelemetryBatch.ofSpans(spans));
    }
}
