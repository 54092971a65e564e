package dev.meridian.testing;

import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.RedPoint;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.StatusClassPoint;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.Resource;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In-memory stand-ins for the log, metric and service queries, for looking at the explorer views
 * before storage exists: run the app from the test classpath with the profile {@code explore-fake}.
 * Generates an hour of logs (and one new record every second, for live tail) and synthetic metrics.
 */
@Component
@Profile("explore-fake")
public class FakeExploreQueries implements LogQueries, MetricQueries, ServiceQueries {

    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Random random = new Random(3);

    public FakeExploreQueries() {
        Instant now = Instant.now();
        for (Instant t = now.minus(Duration.ofMinutes(60)); t.isBefore(now); t = t.plusMillis(3000 + random.nextInt(5000))) {
            logs.add(record(t));
        }
        logs.add(new LogRecord(resource("checkout"), InstrumentationScope.EMPTY, TimeRange.toNanos(now.minusSeconds(170)), 0, 13,
                "WARN", ExploreSeed.MARKUP, Attributes.of(Map.of("user.comment", ExploreSeed.MARKUP)), 0, 1,
                new TraceId(random.nextLong(), random.nextLong()), new SpanId(random.nextLong()), null));
        logs.add(new LogRecord(resource("payments"), InstrumentationScope.EMPTY, TimeRange.toNanos(now.minusSeconds(720)), 0, 17,
                "ERROR", "Request failed: java.sql.SQLTimeoutException: query timed out after 2400 ms\n\tat org.h2.jdbc.JdbcPreparedStatement"
                + ".executeQuery(JdbcPreparedStatement.java:131)\n\tat com.example.OrderRepository.find(OrderRepository.java:58)",
                Attributes.of(Map.of("exception.type", "java.sql.SQLTimeoutException")), 0, 1,
                new TraceId(random.nextLong(), random.nextLong()), new SpanId(random.nextLong()), null));
        Thread.ofVirtual().start(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                logs.add(record(Instant.now()));
            }
        });
    }

    private LogRecord record(Instant t) {
        String service = List.of("checkout", "payments", "frontend").get(random.nextInt(3));
        int roll = random.nextInt(100);
        int severity = roll < 8 ? 1 : roll < 30 ? 5 : roll < 80 ? 9 : roll < 91 ? 13 : roll < 98 ? 17 : 21;
        String route = List.of("/api/orders", "/api/cart", "/api/pay").get(random.nextInt(3));
        String body = switch (severity) {
            case 1 -> "enter Handler.handle route=" + route;
            case 5 -> "cache lookup for key order:" + (10000 + random.nextInt(90000)) + " hit=" + random.nextBoolean();
            case 9 -> "GET " + route + " completed with 200 in " + (5 + random.nextInt(180)) + " ms";
            case 13 -> "slow downstream call to inventory: " + (400 + random.nextInt(300)) + " ms";
            case 17 -> "GET " + route + " failed with 500: connection reset by peer";
            default -> "out of memory: unable to allocate buffer, shutting down worker pool";
        };
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.route", route);
        attributes.put("thread.name", "http-nio-8080-exec-" + (1 + random.nextInt(8)));
        boolean traced = random.nextInt(3) != 0;
        long nanos = TimeRange.toNanos(t);
        return new LogRecord(resource(service), new InstrumentationScope("com.example." + service, "1.0", Attributes.EMPTY, 0),
                nanos, nanos + 3_000_000, severity, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL").get((severity - 1) / 4),
                body, Attributes.of(attributes), 0, 1,
                traced ? new TraceId(random.nextLong(), random.nextLong()) : TraceId.INVALID,
                traced ? new SpanId(random.nextLong()) : SpanId.NONE, null);
    }

    private static Resource resource(String service) {
        return new Resource(Attributes.of(Map.of("service.name", service, "host.name", service + "-7d9f-1",
                "service.version", "1.4.2")), 0);
    }

    @Override
    public List<LogRecord> search(LogSearch search) {
        String text = search.text() == null ? null : search.text().toLowerCase(Locale.ROOT);
        return logs.stream()
                .filter(r -> search.range().contains(r.effectiveTimeNanos()))
                .filter(r -> search.beforeNanos() == null || r.effectiveTimeNanos() < search.beforeNanos())
                .filter(r -> search.service() == null || search.service().equals(r.serviceName()))
                .filter(r -> search.minSeverity() == null || r.severityNumber() >= search.minSeverity())
                .filter(r -> search.traceId() == null || search.traceId().equals(r.traceId()))
                .filter(r -> text == null || String.valueOf(r.body()).toLowerCase(Locale.ROOT).contains(text))
                .sorted(Comparator.comparingLong(LogRecord::effectiveTimeNanos).reversed())
                .limit(search.limit()).toList();
    }

    @Override
    public List<MetricDescriptor> metrics(String service) {
        return List.of(new MetricDescriptor("http.server.request.count", MetricType.SUM, "{request}", "Number of HTTP server requests."),
                new MetricDescriptor("http.server.request.duration", MetricType.HISTOGRAM, "s", "Duration of HTTP server requests."),
                new MetricDescriptor("jvm.cpu.recent_utilization", MetricType.GAUGE, "1", "Recent CPU utilization for the process."),
                new MetricDescriptor("jvm.memory.used", MetricType.GAUGE, "By", "Measure of memory used."));
    }

    @Override
    public List<MetricSeries> series(MetricQuery query) {
        List<Instant> buckets = new ArrayList<>();
        long stepMillis = query.step().toMillis();
        long first = Math.floorDiv(query.range().start().toEpochMilli(), stepMillis) * stepMillis;
        for (long t = first; t < query.range().end().toEpochMilli(); t += stepMillis) {
            buckets.add(Instant.ofEpochMilli(t));
        }
        List<Map<String, String>> groups = new ArrayList<>();
        if (query.groupBy().isEmpty()) {
            groups.add(Map.of());
        } else {
            for (String value : values(query.groupBy().getFirst())) {
                groups.add(Map.of(query.groupBy().getFirst(), value));
            }
        }
        List<MetricSeries> out = new ArrayList<>();
        int g = 0;
        for (Map<String, String> group : groups) {
            double[] values = new double[buckets.size()];
            Random r = new Random(query.name().hashCode() + g);
            for (int i = 0; i < values.length; i++) {
                long minutesAgo = Duration.between(buckets.get(i), Instant.now()).toMinutes();
                boolean spike = minutesAgo >= 11 && minutesAgo <= 13;
                double base = switch (query.name()) {
                    case "jvm.memory.used" -> (g == 0 ? 180e6 + (i % 20) * 12e6 : 92e6) + r.nextDouble() * 4e6;
                    case "jvm.cpu.recent_utilization" -> (spike ? 0.7 : 0.2) + r.nextDouble() * 0.08;
                    case "http.server.request.count" -> query.aggregation() == MetricAggregation.RATE
                            ? (2 + g + r.nextDouble()) * (spike ? 0.6 : 1) : 1000 + i * 120;
                    default -> query.aggregation() == MetricAggregation.COUNT ? 120 + r.nextInt(40)
                            : (spike ? 1.9 : 0.05 + g * 0.02) * (query.aggregation() == MetricAggregation.P99 ? 2 : 1) * (1 + r.nextDouble() * 0.3);
                };
                values[i] = buckets.get(i).isAfter(Instant.now()) ? Double.NaN : base;
            }
            out.add(new MetricSeries(group, buckets, values));
            g++;
        }
        return out;
    }

    private static List<String> values(String key) {
        return switch (key) {
            case "jvm.memory.type" -> List.of("heap", "non_heap");
            case "http.route" -> List.of("/api/orders", "/api/cart", "/api/pay");
            case "service.name" -> List.of("checkout", "payments");
            default -> List.of("a", "b", "<b>markup</b>");
        };
    }

    @Override
    public List<ServiceSummary> services(TimeRange range) {
        return List.of(new ServiceSummary("checkout", 100, 50, 1, 0.02, 10, 50, 90),
                new ServiceSummary("frontend", 100, 50, 1, 0.02, 10, 50, 90),
                new ServiceSummary("payments", 100, 50, 1, 0.02, 10, 50, 90));
    }

    @Override
    public List<OperationSummary> operations(String service, TimeRange range) {
        return List.of();
    }

    @Override
    public List<RedPoint> series(String service, String operation, TimeRange range, Duration step) {
        return List.of();
    }

    @Override
    public List<StatusClassPoint> statusClasses(String service, String operation, TimeRange range, Duration step) {
        return List.of();
    }
}
