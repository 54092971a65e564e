package dev.meridian.bench;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.jdbc.JdbcResourceAttributeValues;
import dev.meridian.query.jdbc.JdbcServiceQueries;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.testing.Telemetry;
import dev.meridian.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a dashboard's pickers cost: the options of an attribute variable (distinct values of a resource attribute,
 * from the resources dictionary) and of a service variable, at 1,000 and 5,000 distinct resources (processes) over
 * 50 services, each resource with one span in the last 15 minutes. Prints medians; never fails.
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.meridian.bench.VariableOptionsBenchmark}
 */
public final class VariableOptionsBenchmark {

    private VariableOptionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        for (int resources : new int[] {1_000, 5_000, 20_000}) {
            run(resources);
        }
    }

    private static void run(int resources) throws Exception {
        Path dir = Files.createTempDirectory("meridian-variables-bench");
        long now = System.currentTimeMillis() * 1_000_000L;
        try (TestStore store = new TestStore(dir)) {
            List<Span> batch = new ArrayList<>();
            for (int i = 0; i < resources; i++) {
                Resource resource = new Resource(Attributes.of(Map.of("service.name", "svc-" + (i % 50),
                        "host.name", "host-" + i, "deployment.environment.name", "env-" + (i % 5))), 0);
                Span s = Telemetry.span("svc-" + (i % 50), "GET /" + (i % 20)).trace(i + 1, 7).id(i + 1)
                        .start(now - 60_000_000_000L).build();
                batch.add(new Span(resource, s.scope(), s.traceId(), s.spanId(), s.parentSpanId(), s.traceState(), s.flags(),
                        s.name(), s.kind(), s.startNanos(), s.endNanos(), s.attributes(), 0, s.events(), 0, s.links(), 0,
                        s.status()));
                if (batch.size() == 1000) {
                    store.writer.write(TelemetryBatch.ofSpans(batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                store.writer.write(TelemetryBatch.ofSpans(batch));
            }
            JdbcResourceAttributeValues values = new JdbcResourceAttributeValues(store.dataSource, QueryLimits.DEFAULTS);
            JdbcServiceQueries services = new JdbcServiceQueries(store.dataSource, store.dictionaries, QueryLimits.DEFAULTS);
            TimeRange window = TimeRange.lastBefore(Instant.ofEpochSecond(0, now), Duration.ofMinutes(15));
            int[] found = new int[2];
            double env = median(() -> found[0] = values.values("deployment.environment.name", window, 201).size());
            double host = median(() -> found[1] = values.values("host.name", window, 201).size());
            double svc = median(() -> services.services(window).size());
            System.out.printf("resources=%,d  env values (%d): %.1f ms  host values (%d, capped): %.1f ms  services: %.1f ms%n",
                    resources, found[0], env, found[1], host, svc);
        }
    }

    private static double median(Runnable query) {
        for (int i = 0; i < 3; i++) {
            query.run();
        }
        double[] ms = new double[11];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            query.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
