package dev.meridian.api;

import dev.meridian.query.compare.CompareQueries;
import dev.meridian.query.compare.CompareRequest;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.Findings;
import dev.meridian.query.compare.FindingTargets;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Why is it slow": selected traces against the others of their service and operation, and a trace against typical. */
@RestController
@RequestMapping("/api/v1/compare")
class CompareController {

    private final CompareQueries compare;
    private final Clock clock;

    CompareController(CompareQueries compare, Clock clock) {
        this.compare = compare;
        this.clock = clock;
    }

    /**
     * The answer of {@code GET /api/v1/compare}; each list most significant first. {@code tracesUrl}: the UI page of
     * the traces (or logs) behind a finding, relative to the application root.
     */
    record ComparisonJson(String service, String operation, String from, String to, String selection,
                          Double minDurationMs, long selectedCount, long baselineCount, long selectedTotal,
                          long baselineTotal, boolean sampled, boolean partial, List<AttributeJson> attributes,
                          List<OperationJson> operations, List<LogJson> logs) {
    }

    record AttributeJson(String key, String value, double selectedShare, double baselineShare, long selectedCount,
                         long baselineCount, double score, String service, String source, String tracesUrl) {
    }

    /** {@code selectedSpanMs}: the median of the selected traces' longest span of the operation (the link's bound). */
    record OperationJson(String service, String name, double selectedSelfMs, double baselineSelfMs, double extraMs,
                         long selectedTraces, long baselineTraces, Double selectedSpanMs, String tracesUrl) {
    }

    record LogJson(String pattern, long selectedCount, long baselineCount, double selectedShare, double baselineShare,
                   double score, String example, String service, String tracesUrl) {
    }

    /**
     * {@code GET /api/v1/compare?service=&operation=&from=&to=&minDurationMs=&status=error}: the traces whose entry
     * span of the service (and operation) in the window took at least {@code minDurationMs} (and failed, with
     * {@code status=error}) against the other traces; neither given: the slowest 5 %. Compares a uniform sample of
     * each group when there are many ({@code sampled}), and what it loaded within the query budget ({@code partial}).
     */
    @GetMapping
    ComparisonJson compare(@RequestParam(required = false) String service,
                           @RequestParam(required = false) String operation,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(required = false) Double minDurationMs,
                           @RequestParam(required = false) String status) {
        if (service == null || service.isBlank()) {
            throw new BadRequestException("parameter 'service' is required");
        }
        boolean errorsOnly = false;
        if (status != null && !status.isBlank()) {
            if (!"error".equals(status.trim().toLowerCase(Locale.ROOT))) {
                throw new BadRequestException("parameter 'status' must be 'error' (the failed traces), was '"
                        + ApiParameters.abbreviate(status) + "'");
            }
            errorsOnly = true;
        }
        TimeRange range = ApiParameters.range(from, to, clock);
        Comparison result = compare.compare(new CompareRequest(service.trim(), TracesController.blankToNull(operation), range,
                ApiParameters.nonNegative("minDurationMs", minDurationMs), errorsOnly));
        Findings findings = result.findings();
        Map<String, String> window = new LinkedHashMap<>();
        window.put("from", Long.toString(range.start().toEpochMilli()));
        window.put("to", Long.toString(range.end().toEpochMilli()));
        return new ComparisonJson(service.trim(), TracesController.blankToNull(operation), range.start().toString(),
                range.end().toString(), result.selection(), result.minDurationMs(), result.selectedCount(),
                result.baselineCount(), result.selectedTotal(), result.baselineTotal(), result.sampled(), result.partial(),
                findings.attributes().stream().map(a -> new AttributeJson(a.key(), a.value(), a.selectedShare(),
                        a.baselineShare(), a.selectedCount(), a.baselineCount(), a.score(), a.service(),
                        a.resource() ? "resource" : "span", url(FindingTargets.attribute(a), window))).toList(),
                findings.operations().stream().map(o -> new OperationJson(o.service(), o.name(), o.selectedSelfMs(),
                        o.baselineSelfMs(), o.extraMs(), o.selectedTraces(), o.baselineTraces(),
                        Double.isNaN(o.selectedSpanMs()) ? null : o.selectedSpanMs(),
                        url(FindingTargets.operation(o), window))).toList(),
                findings.logs().stream().map(l -> new LogJson(l.pattern(), l.selectedCount(), l.baselineCount(),
                        l.selectedShare(), l.baselineShare(), l.score(), l.example(), l.service(),
                        url(FindingTargets.log(l), window))).toList());
    }

    /** The UI page of a finding's traces (or logs) in the window compared, from the application root. */
    private static String url(FindingTargets.Target target, Map<String, String> window) {
        return "/" + target.link(window);
    }

    record TypicalJson(String traceId, String rootService, String rootName, double durationMs, int typicalCount,
                       String windowFrom, String windowTo, boolean partial, List<PathJson> paths) {
    }

    /**
     * {@code typicalMs} null when no typical trace has the path; {@code status} common, extra or missing. No paths
     * when {@code typicalCount} is 0: nothing to compare with.
     */
    record PathJson(List<String> path, int depth, String service, String name, double thisMs, int thisSpans,
                    Double typicalMs, double typicalShare, String status) {
    }

    /**
     * {@code GET /api/v1/compare/traces/{traceId}?typical=50}: the trace against up to {@code typical} (1-200) traces of
     * its root operation nearest in time (30 minutes either side), per span path; 404 when unknown.
     */
    @GetMapping("/traces/{traceId}")
    TypicalJson typical(@PathVariable String traceId, @RequestParam(required = false) Integer typical) {
        TraceId id;
        try {
            id = TraceId.fromHex(traceId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        TraceVsTypical result = compare.typical(id, ApiParameters.limit("typical", typical, CompareQueries.DEFAULT_TYPICAL,
                        CompareQueries.MAX_TYPICAL))
                .orElseThrow(() -> new NotFoundException("trace " + id.toHex() + " not found"));
        return new TypicalJson(result.traceId(), result.rootService(), result.rootName(), result.durationMs(),
                result.typicalCount(), result.window().start().toString(), result.window().end().toString(),
                result.partial(), result.paths().stream().map(CompareController::path).toList());
    }

    private static PathJson path(PathComparison.PathRow row) {
        return new PathJson(row.path(), row.depth(), row.service(), row.name(), row.thisMs(), row.thisSpans(),
                Double.isNaN(row.typicalMs()) ? null : row.typicalMs(), row.typicalShare(),
                row.status().name().toLowerCase(Locale.ROOT));
    }
}
