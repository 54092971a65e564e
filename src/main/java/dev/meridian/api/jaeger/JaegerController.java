package dev.meridian.api.jaeger;

import dev.meridian.query.OperationSummary;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSummary;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jaeger's query API ({@code /api/services}, {@code /api/services/{service}/operations}, {@code /api/operations},
 * {@code /api/traces}, {@code /api/traces/{id}}) under {@code /jaeger}, in Jaeger's envelope
 * {@code {data, total, limit, offset, errors}}. Point Grafana's Jaeger data source at {@code http://meridian:8080/jaeger}.
 * Services and operations are those of the last {@link #LOOKBACK}; a search returns at most {@value #MAX_LIMIT}
 * traces, newest first, each read whole (up to the trace size limit).
 */
@RestController
@RequestMapping("/jaeger/api")
class JaegerController {

    static final Duration LOOKBACK = Duration.ofDays(7);
    static final int MAX_LIMIT = 100;

    private final ServiceQueries services;
    private final TraceQueries traces;
    private final Clock clock;

    JaegerController(ServiceQueries services, TraceQueries traces, Clock clock) {
        this.services = services;
        this.traces = traces;
        this.clock = clock;
    }

    /** Jaeger's envelope. */
    record Envelope(Object data, int total, int limit, int offset, List<JaegerError> errors) {
        static Envelope of(List<?> data) {
            return new Envelope(data, data.size(), 0, 0, null);
        }
    }

    record JaegerError(int code, String msg, String traceID) {
    }

    record Operation(String name, String spanKind) {
    }

    @GetMapping("/services")
    Envelope services() {
        return Envelope.of(services.services(lookback()).stream().map(ServiceSummary::name).sorted().toList());
    }

    @GetMapping("/services/{service}/operations")
    Envelope operations(@PathVariable String service) {
        return Envelope.of(services.operations(service, lookback()).stream().map(OperationSummary::name).sorted().toList());
    }

    /** The newer form: {@code [{name, spanKind}]}; the operations Meridian lists are entry spans (server). */
    @GetMapping("/operations")
    Envelope operationsWithKind(@RequestParam String service, @RequestParam(required = false) String spanKind) {
        if (spanKind != null && !spanKind.isBlank() && !"server".equalsIgnoreCase(spanKind)) {
            return Envelope.of(List.of());
        }
        return Envelope.of(services.operations(service, lookback()).stream()
                .map(o -> new Operation(o.name(), "server")).sorted(java.util.Comparator.comparing(Operation::name)).toList());
    }

    @GetMapping("/traces")
    Envelope search(@RequestParam(required = false) String service, @RequestParam(required = false) String operation,
                    @RequestParam(required = false) String tags, @RequestParam(name = "tag", required = false) List<String> tag,
                    @RequestParam(required = false) String minDuration, @RequestParam(required = false) String maxDuration,
                    @RequestParam(required = false) Long start, @RequestParam(required = false) Long end,
                    @RequestParam(required = false) String lookback, @RequestParam(required = false) Integer limit) {
        JaegerQuery query = JaegerQuery.of(service, operation, tags, tag, minDuration, maxDuration, start, end, lookback, limit,
                clock.instant());
        List<JaegerModel.Trace> found = new ArrayList<>();
        for (TraceSummary summary : traces.search(query.search())) {
            traces.trace(TraceId.fromHex(summary.traceId()), summary.startTime())
                    .ifPresent(trace -> found.add(JaegerModel.trace(trace.spans())));
        }
        return new Envelope(found, found.size(), query.search().limit(), 0, null);
    }

    @GetMapping("/traces/{traceId}")
    ResponseEntity<Envelope> trace(@PathVariable String traceId) {
        TraceId id;
        try {
            id = TraceId.fromHex(traceId);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(new Envelope(null, 0, 0, 0,
                    List.of(new JaegerError(400, "malformed trace id: a trace id is 32 hex digits", null))));
        }
        return traces.trace(id).filter(trace -> !trace.spans().isEmpty())
                .map(trace -> ResponseEntity.ok(Envelope.of(List.of(JaegerModel.trace(trace.spans())))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Envelope(null, 0, 0, 0,
                        List.of(new JaegerError(404, "trace not found", id.toHex())))));
    }

    private TimeRange lookback() {
        Instant now = clock.instant();
        return TimeRange.of(now.minus(LOOKBACK), now);
    }

}
