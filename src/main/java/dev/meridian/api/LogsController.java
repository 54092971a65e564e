package dev.meridian.api;

import dev.meridian.query.LogQueries;
import dev.meridian.query.LogSearch;
import dev.meridian.telemetry.SpanId;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Log search. */
@RestController
@RequestMapping("/api/v1/logs")
class LogsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;

    private final LogQueries logs;
    private final Clock clock;

    LogsController(LogQueries logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    /**
     * {@code GET /api/v1/logs?traceId=&spanId=&service=&severity=&q=&from=&to=&before=&limit=}: newest first.
     * {@code severity} is a minimum (TRACE, DEBUG, INFO, WARN, ERROR, FATAL or 1-24); {@code q} matches the
     * body as a case-insensitive substring; {@code beforeNanos} (epoch nanos, exclusive) pages backwards:
     * pass the last record's {@code timeUnixNano} (its observed time when that is "0"). {@code limit}
     * 1-5000, default 100. Bodies longer than {@code meridian.query.max-log-body-chars} are cut, with
     * {@code bodyTruncated: true} (the whole body is in the trace's detail). When the search ran out of its time
     * budget before the start of the window, the answer holds the newest records it found and has the header
     * {@code X-Meridian-Partial}.
     */
    @GetMapping
    ResponseEntity<List<TelemetryJson.LogJson>> search(@RequestParam(required = false) String traceId,
                                       @RequestParam(required = false) String spanId,
                                       @RequestParam(required = false) String service,
                                       @RequestParam(required = false) String severity,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String beforeNanos,
                                       @RequestParam(required = false) Integer limit) {
        TimeRange range = ApiParameters.range(from, to, clock);
        Long before = null;
        if (beforeNanos != null && !beforeNanos.isBlank()) {
            try {
                before = Long.parseLong(beforeNanos.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("parameter 'beforeNanos' must be epoch nanoseconds, was '"
                        + ApiParameters.abbreviate(beforeNanos) + "'");
            }
        }
        LogSearch search = new LogSearch(TracesController.blankToNull(service), ApiParameters.severity(severity),
                TracesController.blankToNull(q), traceId(traceId), spanId(spanId), range,
                ApiParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), before);
        LogQueries.LogPage page = logs.page(search);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.partial()) {
            ok.header(TracesController.PARTIAL_HEADER, "searched the newest part of the window: the search ran out of"
                    + " its time budget (meridian.query.timeout)");
        }
        return ok.body(page.hits().stream().map(h -> TelemetryJson.log(h.record(), h.bodyTruncated())).toList());
    }

    private static TraceId traceId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TraceId.fromHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'traceId': " + e.getMessage());
        }
    }

    private static SpanId spanId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SpanId.fromHex(text.trim());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'spanId': " + e.getMessage());
        }
    }
}
