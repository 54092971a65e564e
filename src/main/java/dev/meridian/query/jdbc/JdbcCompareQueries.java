package dev.meridian.query.jdbc;

import dev.meridian.query.OperationSummary;
import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.query.compare.Cohort;
import dev.meridian.query.compare.CohortComparison;
import dev.meridian.query.compare.CompareQueries;
import dev.meridian.query.compare.CompareRequest;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.Decimals;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;

/**
 * Cohorts of traces from the {@code span_runs} table, compared by {@link CohortComparison}.
 *
 * <p>Steps: (1) the spans of the service named like its operations (in the rollups, or the one operation asked)
 * in the window, from the heads of its runs: key, trace id, duration, status, kind ({@link CohortCandidates}); at
 * most {@code maxCandidates}, else partial; (2) each one selected or baseline by its duration and status; (3) of
 * each group, its entry spans (SERVER/CONSUMER/root: not the INTERNAL spans of the same name) in a seeded random
 * order ({@link Sampling}), whose traces up to {@value #SAMPLE} are a uniform sample of the group's requests; (4)
 * the spans and logs of those traces by trace id, in chunks, alternating between the groups, and counted into a
 * {@link Cohort} each. All statements share one {@link ReadBudget}; when it runs out during step 4, the answer
 * compares the traces loaded so far and says partial; before that, it fails ({@link QueryBudgetExceededException}).
 */
public class JdbcCompareQueries implements CompareQueries {

    /**
     * Traces compared per group at most: shares within ~4.5 points (95 %), and loading 2 × 500 traces keeps a
     * comparison of 100k traces under 2 s on a busy 2-core machine (2 × 1000 took 0.6-2.3 s, mostly loading spans).
     */
    static final int SAMPLE = 500;
    /** Traces per statement of step 4. */
    private static final int CHUNK = 250;
    /**
     * Spans (and logs) read per trace at most, the earliest-starting ones: one runaway trace must not make the
     * comparison. The same bound for a trace and its typical traces, so a bound cannot make a path extra or
     * missing; a trace cut by it makes the answer partial.
     */
    static final int MAX_SPANS_PER_TRACE = 2_000;
    private static final long SEED = 0x5EEDL;
    private static final Duration TYPICAL_HALF_WINDOW = Duration.ofMinutes(30);

    private final DataSource dataSource;
    private final Dictionaries dictionaries;
    private final ServiceQueries services;
    private final QueryLimits limits;
    private final int sample;
    private final int maxSpansPerTrace;

    public JdbcCompareQueries(DataSource dataSource, Dictionaries dictionaries, ServiceQueries services, QueryLimits limits) {
        this(dataSource, dictionaries, services, limits, SAMPLE, MAX_SPANS_PER_TRACE);
    }

    JdbcCompareQueries(DataSource dataSource, Dictionaries dictionaries, ServiceQueries services, QueryLimits limits,
                       int sample, int maxSpansPerTrace) {
        this.dataSource = dataSource;
        this.dictionaries = dictionaries;
        this.services = services;
        this.limits = limits;
        this.sample = sample;
        this.maxSpansPerTrace = maxSpansPerTrace;
    }

    @Override
    public Comparison compare(CompareRequest request) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return compareWithin(request, budget);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    private Comparison compareWithin(CompareRequest request, ReadBudget budget) {
        String given = describe(request.minDurationMs(), request.errorsOnly());
        Integer serviceId = dictionaries.services().find(request.service()).orElse(null);
        if (serviceId == null) {
            return Comparison.empty(given, request.minDurationMs());
        }
        List<Integer> nameIds = entryNames(request, serviceId);
        if (nameIds.isEmpty()) {
            return Comparison.empty(given, request.minDurationMs());
        }
        CohortCandidates.Read read = CohortCandidates.read(budget, serviceId, nameIds, request.range(),
                limits.maxCandidates());
        Double minDurationMs = request.minDurationMs();
        String selection = given;
        if (!request.selectionGiven()) {
            minDurationMs = p95Ms(request, read);
            selection = "slowest 5 %: duration ≥ " + format(minDurationMs) + " ms (the p95 of the window)";
        }
        long minNanos = minDurationMs == null ? Long.MIN_VALUE : (long) Math.floor(minDurationMs * 1_000_000);
        List<CohortCandidates.Candidate> selected = new ArrayList<>();
        List<CohortCandidates.Candidate> baseline = new ArrayList<>();
        for (CohortCandidates.Candidate c : read.candidates()) {
            boolean chosen = c.durationNanos() >= minNanos && (!request.errorsOnly() || c.error());
            (chosen ? selected : baseline).add(c);
        }
        EntrySample selectedSample = entrySample(selected, SEED);
        EntrySample baselineSample = entrySample(baseline, SEED + 1);
        boolean sampled = selectedSample.sampled() || baselineSample.sampled();
        LinkedHashSet<TraceId> selectedTraces = selectedSample.traces();
        LinkedHashSet<TraceId> baselineTraces = new LinkedHashSet<>(baselineSample.traces());
        baselineTraces.removeAll(selectedTraces); // a trace with one selected entry span is a selected trace

        Cohort selectedCohort = new Cohort();
        Cohort baselineCohort = new Cohort();
        boolean partial = read.truncated();
        List<TraceId> s = List.copyOf(selectedTraces);
        List<TraceId> b = List.copyOf(baselineTraces);
        Map<TraceId, Long> keyOf = keyOf(read.candidates());
        try {
            for (int i = 0; i < Math.max(s.size(), b.size()); i += CHUNK) {
                partial |= load(budget, s.subList(Math.min(i, s.size()), Math.min(s.size(), i + CHUNK)), keyOf, selectedCohort);
                partial |= load(budget, b.subList(Math.min(i, b.size()), Math.min(b.size(), i + CHUNK)), keyOf, baselineCohort);
            }
        } catch (QueryBudgetExceededException overBudget) {
            partial = true;
        } catch (DataAccessException e) {
            if (!ReadBudget.isTimeout(e)) {
                throw e;
            }
            partial = true;
        }
        return Comparison.of(selection, minDurationMs, selectedCohort, baselineCohort, selectedSample.entrySpans(),
                baselineSample.entrySpans(), sampled, partial);
    }

    /**
     * Up to {@code sample} traces of a group, uniformly: the traces of its entry spans in a seeded random order.
     *
     * @param entrySpans the group's entry spans
     * @param sampled    a trace of an entry span was left out by the bound
     */
    private record EntrySample(LinkedHashSet<TraceId> traces, long entrySpans, boolean sampled) {
    }

    private EntrySample entrySample(List<CohortCandidates.Candidate> group, long seed) {
        List<CohortCandidates.Candidate> entries = group.stream().filter(CohortCandidates.Candidate::entry).toList();
        LinkedHashSet<TraceId> traces = new LinkedHashSet<>();
        for (CohortCandidates.Candidate entry : Sampling.uniform(entries, entries.size(), seed, true)) { // a shuffle
            if (traces.size() < sample) {
                traces.add(entry.traceId());
            } else if (!traces.contains(entry.traceId())) {
                return new EntrySample(traces, entries.size(), true);
            }
        }
        return new EntrySample(traces, entries.size(), false);
    }

    /**
     * The p95 of the requests in the window, from the RED rollups (entry spans only, merged histograms, STYLE §5):
     * the candidates also hold INTERNAL spans named like the operation, and may be only the start of the window
     * when there were more than the bound. Rounded down to the microsecond so the p95 request itself is selected
     * (the histogram's value is already the top of its bucket, within {@code HistogramCodec.SIGNIFICANT_DIGITS}).
     * Rollups are per minute, so a window not on minute boundaries takes its edge minutes whole. Without rollups
     * (none written yet), the p95 of the candidates read.
     */
    private double p95Ms(CompareRequest request, CohortCandidates.Read read) {
        double p95 = Double.NaN;
        if (request.operation() != null) {
            p95 = services.operations(request.service(), request.range()).stream()
                    .filter(o -> o.name().equals(request.operation())).mapToDouble(OperationSummary::p95Ms)
                    .findFirst().orElse(Double.NaN);
        } else {
            p95 = services.services(request.range()).stream().filter(s -> s.name().equals(request.service()))
                    .mapToDouble(ServiceSummary::p95Ms).findFirst().orElse(Double.NaN);
        }
        if (Double.isNaN(p95)) {
            p95 = Sampling.percentileNanos(read.candidates().stream()
                    .mapToLong(CohortCandidates.Candidate::durationNanos).toArray(), 0.95) / 1e6;
        }
        return Math.floor(p95 * 1000) / 1000;
    }

    /** The name ids of the operation asked, or of every operation (entry span name) of the service in the window. */
    private List<Integer> entryNames(CompareRequest request, int serviceId) {
        if (request.operation() != null) {
            return dictionaries.spanNames().find(request.operation()).map(List::of).orElse(List.of());
        }
        List<Integer> ids = new ArrayList<>();
        for (OperationSummary operation : services.operations(request.service(), request.range())) {
            dictionaries.spanNames().find(operation.name()).ifPresent(ids::add);
        }
        return ids;
    }

    static String describe(Double minDurationMs, boolean errorsOnly) {
        if (minDurationMs != null && errorsOnly) {
            return "failed and duration ≥ " + format(minDurationMs) + " ms";
        }
        if (minDurationMs != null) {
            return "duration ≥ " + format(minDurationMs) + " ms";
        }
        return errorsOnly ? "failed (status error)" : "slowest 5 %";
    }

    private static String format(double ms) {
        return Decimals.plain(ms);
    }

    /** The key of a span of each candidate's trace: where the trace index looks for the trace's runs. */
    private static Map<TraceId, Long> keyOf(List<CohortCandidates.Candidate> candidates) {
        Map<TraceId, Long> keys = new HashMap<>();
        candidates.forEach(c -> keys.putIfAbsent(c.traceId(), c.key()));
        return keys;
    }

    /** Loads the traces' spans and logs and adds each trace to the cohort; true when a trace was cut by the bound. */
    private boolean load(ReadBudget budget, List<TraceId> traces, Map<TraceId, Long> keyOf, Cohort cohort) {
        if (traces.isEmpty()) {
            return false;
        }
        TraceBatch.Spans spans = TraceBatch.spans(budget, dictionaries, TraceRuns.near(traces, keyOf), maxSpansPerTrace);
        Set<TraceId> truncated = new HashSet<>(spans.truncated());
        Map<TraceId, List<LogRecord>> logs = TraceBatch.logs(budget, dictionaries, traces, maxSpansPerTrace, truncated);
        for (TraceId traceId : traces) {
            List<Span> traceSpans = spans.byTrace().get(traceId);
            if (traceSpans != null) {
                cohort.add(traceSpans, logs.getOrDefault(traceId, List.of()));
            }
        }
        return !truncated.isEmpty();
    }

    @Override
    public Optional<TraceVsTypical> typical(TraceId traceId, int sampleSize) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return typicalWithin(budget, traceId, Math.max(1, Math.min(sampleSize, MAX_TYPICAL)));
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    private Optional<TraceVsTypical> typicalWithin(ReadBudget budget, TraceId traceId, int sampleSize) {
        TraceBatch.Spans read = TraceBatch.spans(budget, dictionaries, TraceRuns.anywhere(List.of(traceId)), maxSpansPerTrace);
        List<Span> spans = read.of(traceId);
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        boolean partial = !read.truncated().isEmpty();
        Span root = spans.stream().filter(Span::isRoot).min(Comparator.comparingLong(Span::startNanos))
                .orElse(spans.stream().min(Comparator.comparingLong(Span::startNanos)).orElseThrow());
        long half = TYPICAL_HALF_WINDOW.toNanos();
        TimeRange window = new TimeRange(Math.max(0, root.startNanos() - half),
                root.startNanos() > Long.MAX_VALUE - half ? Long.MAX_VALUE : root.startNanos() + half);
        Optional<Integer> serviceId = dictionaries.services().find(root.serviceName());
        Optional<Integer> nameId = dictionaries.spanNames().find(root.name());
        List<List<Span>> typical = new ArrayList<>();
        if (serviceId.isPresent() && nameId.isPresent()) {
            CohortCandidates.Read candidates = CohortCandidates.read(budget, serviceId.get(), List.of(nameId.get()),
                    window, limits.maxCandidates());
            // the nearest roots in time first: "typical" of that moment (deploys and load change what typical is)
            List<CohortCandidates.Candidate> nearest = new ArrayList<>(candidates.candidates().stream()
                    .filter(CohortCandidates.Candidate::root).toList());
            nearest.sort(Comparator.comparingLong((CohortCandidates.Candidate c) -> Math.abs(c.startNanos() - root.startNanos()))
                    .thenComparingLong(CohortCandidates.Candidate::key));
            Set<TraceId> chosen = new LinkedHashSet<>();
            for (CohortCandidates.Candidate other : nearest) {
                if (!other.traceId().equals(traceId) && chosen.size() < sampleSize) {
                    chosen.add(other.traceId());
                }
            }
            try {
                List<TraceId> ids = List.copyOf(chosen);
                for (int i = 0; i < ids.size(); i += CHUNK) {
                    TraceBatch.Spans loaded = TraceBatch.spans(budget, dictionaries,
                            TraceRuns.near(ids.subList(i, Math.min(ids.size(), i + CHUNK)), keyOf(nearest)), maxSpansPerTrace);
                    typical.addAll(loaded.byTrace().values());
                    partial |= !loaded.truncated().isEmpty();
                }
            } catch (QueryBudgetExceededException overBudget) {
                partial = true;
            } catch (DataAccessException e) {
                if (!ReadBudget.isTimeout(e)) {
                    throw e;
                }
                partial = true;
            }
            partial |= candidates.truncated();
        }
        return Optional.of(new TraceVsTypical(traceId.toHex(), root.serviceName(), root.name(),
                root.durationNanos() / 1e6, typical.size(), window, PathComparison.compare(spans, typical), partial));
    }
}
