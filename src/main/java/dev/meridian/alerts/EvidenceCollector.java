package dev.meridian.alerts;

import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence of a firing window: the {@value #TRACES} slowest traces of the rule's service (and operation), or
 * its failed ones for an error-rate rule; the warning and error logs of those traces, then of the service in the
 * window, at most {@value #LOGS}, newest first, bodies cut at {@value #BODY_CHARS} characters.
 */
public class EvidenceCollector {

    static final int TRACES = 5;
    static final int LOGS = 20;
    static final int BODY_CHARS = 500;
    private static final int WARN = 13;

    private final TraceQueries traces;
    private final LogQueries logs;
    private final AlertLinks links;

    public EvidenceCollector(TraceQueries traces, LogQueries logs, AlertLinks links) {
        this.traces = traces;
        this.logs = logs;
        this.links = links;
    }

    Evidence collect(AlertRule rule, TimeRange window) {
        String service = rule.service();
        boolean failures = rule.query() instanceof PanelQuery.Red red && red.figure() == RedFigure.ERROR_RATE;
        List<TraceSummary> found = traces.search(new TraceSearch(service, rule.operation(), null, null,
                failures ? TraceSearch.Status.ERROR : null, List.of(), window, TRACES, TraceSearch.Sort.DURATION));
        List<Evidence.TraceRef> refs = found.stream().map(t -> new Evidence.TraceRef(t.traceId(), t.durationMs(),
                t.rootService(), t.rootName(), links.trace(t.traceId()))).toList();

        Map<String, Evidence.LogLine> lines = new LinkedHashMap<>();
        for (TraceSummary trace : found) {
            add(lines, logs.search(new LogSearch(null, WARN, null, TraceId.fromHex(trace.traceId()), null, window, LOGS, null)));
        }
        if (lines.size() < LOGS && service != null) {
            add(lines, logs.search(new LogSearch(service, WARN, null, null, null, window, LOGS, null)));
        }
        List<Evidence.LogLine> newestFirst = new ArrayList<>(lines.values());
        newestFirst.sort(Comparator.comparing(Evidence.LogLine::time).reversed());
        return new Evidence(refs, newestFirst.subList(0, Math.min(LOGS, newestFirst.size())));
    }

    private static void add(Map<String, Evidence.LogLine> lines, List<LogRecord> records) {
        for (LogRecord r : records) {
            String body = String.valueOf(r.body());
            if (body.length() > BODY_CHARS) {
                body = body.substring(0, BODY_CHARS) + "…";
            }
            String time = Instant.ofEpochSecond(0, r.effectiveTimeNanos()).toString();
            String traceId = r.traceId() != null && r.traceId().isValid() ? r.traceId().toHex() : "";
            lines.putIfAbsent(time + traceId + body, new Evidence.LogLine(time, r.severityText(), body, r.serviceName(), traceId));
        }
    }
}
