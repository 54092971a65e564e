package dev.meridian.ui.services;

import com.vaadin.flow.component.html.Div;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.MetricQuery;
import dev.meridian.query.MetricSeries;
import dev.meridian.telemetry.MetricType;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.chart.ChartOptions;
import dev.meridian.ui.chart.EChart;
import dev.meridian.ui.chart.TimeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** CPU and memory of a service, from whichever of the well-known OTLP metrics it sends; hidden when it sends none. */
class ResourceCharts extends Div {

    static final List<String> CPU_METRICS = List.of("process.cpu.utilization", "jvm.cpu.recent_utilization",
            "system.cpu.utilization");
    static final List<String> MEMORY_METRICS = List.of("jvm.memory.used", "process.memory.usage");

    private final MetricQueries metrics;
    private final EChart cpu = new EChart();
    private final EChart memory = new EChart();
    private final Div cpuCard = ServiceView.card("CPU utilization", cpu, "cpu");
    private final Div memoryCard = ServiceView.card("Memory used", memory, "memory");

    ResourceCharts(MetricQueries metrics) {
        this.metrics = metrics;
        addClassName("meridian-chart-grid");
        add(cpuCard, memoryCard);
    }

    /** What the two charts show: for each, the metric found (null: the service sends none) and its series. */
    record Resources(MetricDescriptor cpu, List<MetricSeries> cpuSeries, MetricDescriptor memory,
                     List<MetricSeries> memorySeries) {
    }

    /** Off the session lock: which well-known metrics the service sends, and their series. */
    Resources read(String service, TimeRange range, Duration step) {
        Map<String, MetricDescriptor> sent = metrics.metrics(service).stream()
                .collect(Collectors.toMap(MetricDescriptor::name, d -> d, (a, b) -> a));
        MetricDescriptor cpuMetric = first(CPU_METRICS, sent);
        MetricDescriptor memoryMetric = first(MEMORY_METRICS, sent);
        return new Resources(cpuMetric, series(cpuMetric, service, range, step),
                memoryMetric, series(memoryMetric, service, range, step));
    }

    void show(Resources resources, TimeRange range) {
        boolean anyCpu = show(cpu, cpuCard, resources.cpu(), resources.cpuSeries(), range, "percent");
        boolean anyMemory = show(memory, memoryCard, resources.memory(), resources.memorySeries(), range, "bytes");
        setVisible(anyCpu || anyMemory);
    }

    private static MetricDescriptor first(List<String> candidates, Map<String, MetricDescriptor> sent) {
        return candidates.stream().map(sent::get).filter(d -> d != null).findFirst().orElse(null);
    }

    private List<MetricSeries> series(MetricDescriptor descriptor, String service, TimeRange range, Duration step) {
        if (descriptor == null) {
            return List.of();
        }
        MetricAggregation aggregation = descriptor.type() == MetricType.GAUGE ? MetricAggregation.AVG : MetricAggregation.LAST;
        List<String> groupBy = descriptor.name().equals("jvm.memory.used") ? List.of("jvm.memory.type") : List.of();
        return metrics.series(new MetricQuery(descriptor.name(), service, aggregation, Map.of(), groupBy, range, step));
    }

    private boolean show(EChart chart, Div card, MetricDescriptor descriptor, List<MetricSeries> found, TimeRange range,
                         String unit) {
        card.setVisible(descriptor != null);
        if (descriptor == null) {
            return false;
        }
        List<TimeSeries> lines = new ArrayList<>();
        for (MetricSeries series : found) {
            String name = series.group().isEmpty() ? descriptor.name()
                    : descriptor.name() + " " + String.join(",", series.group().values());
            lines.add(new TimeSeries("s" + lines.size(), name, series.buckets(), series.values()));
        }
        if (lines.stream().noneMatch(TimeSeries::hasData)) {
            chart.showEmpty(ServiceView.NO_DATA);
        } else {
            chart.showData();
        }
        chart.replace(ChartOptions.lines(lines, range, unit, false));
        return true;
    }
}
