package dev.meridian.api;

import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.telemetry.TraceId;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trace search and trace detail. */
@RestController
@RequestMapping("/api/v1/traces")
class TracesController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private final TraceQueries traces;
    private final Clock clock;

    TracesController(TraceQueries traces, Clock clock) {
        this.traces = traces;
        this.clock = clock;
    }

    record TraceSummaryJson(String traceId, String rootService, String rootName, String startTime, double durationMs,
                            int spanCount, int errorCount) {
    }

    /**
     * {@code truncated}: the trace is larger than a query returns ({@code meridian.query.max-trace-spans}): these are
     * its first spans and logs, and {@code omittedSpans}/{@code omittedLogs} count the rest.
     */
    record TraceJson(String traceId, List<TelemetryJson.SpanJson> spans, List<TelemetryJson.LogJson> logs,
                     boolean truncated, long omittedSpans, long omittedLogs) {
    }

    /**
     * {@code GET /api/v1/traces?service=&operation=&minDurationMs=&maxDurationMs=&status=error|ok&attr=key=value&from=&to=&limit=&sort=duration|time|errors&calls=}.
     * {@code calls}: only traces through a call from {@code service} to that service (a span of it whose parent
     * span is of {@code service}), as the service map pairs calls.
     * A trace matches when one of its spans in the window matches every filter (all {@code attr}
     * equalities on that same span). {@code limit} 1-1000, default 20; {@code sort} default duration
     * (slowest first); time is newest first. Each hit summarizes the whole trace. When an attribute filter on a key
     * without an index made the search stop at its scan bound, the answer has the header {@code X-Meridian-Partial}
     * (more traces of the window may match); the same when the search ran out of its time budget
     * ({@code meridian.query.timeout}) or its candidate bound ({@code meridian.query.max-candidates}).
     */
    @GetMapping
    ResponseEntity<List<TraceSummaryJson>> search(@RequestParam(required = false) String service,
                                  @RequestParam(required = false) String operation,
                                  @RequestParam(required = false) Double minDurationMs,
                                  @RequestParam(required = false) Double maxDurationMs,
                                  @RequestParam(required = false) String status,
                                  @RequestParam(required = false) List<String> attr,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String calls) {
        List<TraceSearch.AttributeFilter> attributes = attr == null ? List.of() : attr.stream().map(a -> {
            try {
                return TraceSearch.AttributeFilter.parse(a);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("parameter 'attr' must be key=value, was '" + ApiParameters.abbreviate(a) + "'");
            }
        }).toList();
        Double min = ApiParameters.nonNegative("minDurationMs", minDurationMs);
        Double max = ApiParameters.nonNegative("maxDurationMs", maxDurationMs);
        if (min != null && max != null && min > max) {
            throw new BadRequestException("'minDurationMs' (" + min + ") is greater than 'maxDurationMs' (" + max + ")");
        }
        TraceSearch search = new TraceSearch(blankToNull(service), blankToNull(operation), min, max,
                ApiParameters.choice("status", status, TraceSearch.Status.class, null), attributes,
                ApiParameters.range(from, to, clock), ApiParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT),
                ApiParameters.choice("sort", sort, TraceSearch.Sort.class, TraceSearch.Sort.DURATION), blankToNull(calls));
        TraceQueries.SearchResult result = traces.searchWithCoverage(search);
        List<TraceSummaryJson> found = result.traces().stream()
                .map(t -> new TraceSummaryJson(t.traceId(), t.rootService(), t.rootName(), t.startTime().toString(),
                        t.durationMs(), t.spanCount(), t.errorCount()))
                .toList();
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (result.partial()) {
            ok.header(PARTIAL_HEADER, "searched part of the window: the search stopped at its scan bound or ran out"
                    + " of its time budget");
        }
        return ok.body(found);
    }

    static final String PARTIAL_HEADER = "X-Meridian-Partial";

    /**
     * {@code GET /api/v1/traces/{traceId}}: every span in start order and the trace's logs in time order; 404 when
     * unknown. A trace over {@code meridian.query.max-trace-spans} answers its first spans, {@code truncated: true}.
     */
    @GetMapping("/{traceId}")
    TraceJson trace(@PathVariable String traceId) {
        TraceId id;
        try {
            id = TraceId.fromHex(traceId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        TraceQueries.Trace trace = traces.trace(id)
                .orElseThrow(() -> new NotFoundException("trace " + id.toHex() + " not found"));
        return new TraceJson(id.toHex(), trace.spans().stream().map(TelemetryJson::span).toList(),
                trace.logs().stream().map(TelemetryJson::log).toList(), trace.truncated(), trace.omittedSpans(),
                trace.omittedLogs());
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
