package dev.meridian.query.jdbc;

import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSearch.AttributeFilter;
import dev.meridian.query.TraceSummary;
import dev.meridian.storage.jdbc.AttributePostings;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.ExemplarCell;
import dev.meridian.storage.jdbc.Hashing;
import dev.meridian.storage.jdbc.RowKeys;
import dev.meridian.storage.jdbc.SpanRunCodec;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trace search and trace detail over the {@code span_runs} table (one row per run of a trace's spans of one
 * service, {@link SpanRunCodec}).
 *
 * <p>The slowest (or failed) traces of a window, the drill-down behind every chart, come from the span
 * exemplars the writer keeps per service, span name and minute ({@link ExemplarMerge}): a few rows per
 * minute, whatever the volume. When exemplars cannot prove the answer (more traces asked than the cells
 * of the window keep, a maximum duration, attribute filters), search runs in three steps: (1) runs that may hold
 * matching spans, best first by what their spans reach at most (longest duration, failed first), from the narrowest
 * access path: the attribute side index for an indexed {@code attr} filter, else the covering
 * {@code span_runs_service} index for a service (for every service, merged, when none is given), else (more than
 * {@value #MAX_MERGED_SERVICES} services) a range of the primary key; then their heads, filtered span by span. A
 * read that returned as many runs as it asked for is certain only down to its last run (the boundary); spans
 * after it wait for a larger read. Newest first reads the key range backwards in slices and stops as soon as older
 * slices cannot hold newer spans; (2) the distinct traces of those spans (and attribute checks on the decoded
 * details), until {@code limit} distinct traces are found, reading more runs when filters drop some; (3) a
 * summary per trace from the heads of all its runs. Attribute filters on keys that are not indexed scan at most
 * {@link #MAX_CANDIDATES} runs.
 *
 * <p>Bounded ({@link QueryLimits}): one round reads at most {@code maxCandidates} candidate runs over all
 * services together (each merged service gets its share); the statements of a search run within its time
 * budget, and a search out of time answers with the traces it found (possibly none), marked partial: a search
 * never fails for time. The summaries of the traces found get a budget of their own. Trace detail returns at most
 * {@code maxTraceSpans} spans and as many logs, the first ones, with the count of those left out.
 *
 * <p>Span keys follow arrival ({@link RowKeys}): the spans that start in a window are in runs whose first keys are
 * in {@link RowKeys#spanKeyRange}, and each query also checks the start of every span.
 */
public class JdbcTraceQueries implements TraceQueries {

    static final int MAX_LIMIT = 1000;
    static final int MAX_CANDIDATES = 262_144;
    static final int MAX_MERGED_SERVICES = 200;
    private static final int CHUNK = 500;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    /** Newest first reads keys backwards, starting with a slice of this many nanoseconds' worth of keys. */
    private static final long NEWEST_SLICE_NANOS = 2_000_000_000L;

    private final DataSource dataSource;
    private final QueryLimits limits;
    private final Dictionaries dictionaries;
    private final Set<String> indexedKeys;
    private final int maxCandidates;
    private final long scanBudgetNanos;
    /** For the scans of searches that check attributes on decoded spans: a statement may not outlast the budget. */
    private final JdbcTemplate scanJdbc;
    static final Duration SCAN_BUDGET = Duration.ofSeconds(2);

    /** @param indexedAttributes the span attribute keys the writer puts in the attribute side index */
    public JdbcTraceQueries(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes) {
        this(dataSource, dictionaries, indexedAttributes, QueryLimits.DEFAULTS);
    }

    /** @param limits what one query may cost; {@code maxCandidates} is also the scan bound of attribute checks */
    public JdbcTraceQueries(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes,
                            QueryLimits limits) {
        this(dataSource, dictionaries, indexedAttributes, limits, SCAN_BUDGET);
    }

    /**
     * @param maxCandidates the scan bound of searches that check attributes on decoded spans
     * @param scanBudget    how long such a search may scan before it answers with what it found, as partial
     */
    JdbcTraceQueries(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes, int maxCandidates,
                     Duration scanBudget) {
        this(dataSource, dictionaries, indexedAttributes, QueryLimits.DEFAULTS.withMaxCandidates(maxCandidates), scanBudget);
    }

    private JdbcTraceQueries(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes,
                             QueryLimits limits, Duration scanBudget) {
        int maxCandidates = limits.maxCandidates();
        this.dataSource = dataSource;
        this.limits = limits;
        this.scanJdbc = new JdbcTemplate(dataSource);
        this.scanJdbc.setMaxRows(limits.maxRows());
        this.scanJdbc.setQueryTimeout((int) Math.max(1, (scanBudget.toMillis() + 999) / 1000));
        this.dictionaries = dictionaries;
        this.indexedKeys = Set.copyOf(indexedAttributes);
        this.maxCandidates = maxCandidates;
        this.scanBudgetNanos = scanBudget.toNanos();
    }

    @Override
    public SearchResult searchWithCoverage(TraceSearch search) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return searchWithin(search, budget);
        } catch (DataAccessException e) {
            if (ReadBudget.isTimeout(e)) {
                return new SearchResult(List.of(), true);
            }
            throw e;
        } catch (QueryBudgetExceededException e) {
            return new SearchResult(List.of(), true); // out of time before anything was found: partial, and empty
        }
    }

    private SearchResult searchWithin(TraceSearch search, ReadBudget budget) {
        TimeRange range = search.range() != null ? search.range() : new TimeRange(0, Long.MAX_VALUE);
        int limit = search.limit() <= 0 ? 20 : Math.min(search.limit(), MAX_LIMIT);
        TraceSearch.Sort sort = search.sort() != null ? search.sort() : TraceSearch.Sort.DURATION;
        Integer serviceId = null;
        if (search.service() != null) {
            serviceId = dictionaries.services().find(search.service()).orElse(null);
            if (serviceId == null) {
                return new SearchResult(List.of(), false);
            }
        }
        Integer nameId = null;
        if (search.operation() != null) {
            nameId = dictionaries.spanNames().find(search.operation()).orElse(null);
            if (nameId == null) {
                return new SearchResult(List.of(), false);
            }
        }
        TracesThroughCall through = null;
        if (search.calls() != null) {
            Integer calleeId = dictionaries.services().find(search.calls()).orElse(null);
            if (calleeId == null) {
                return new SearchResult(List.of(), false);
            }
            through = new TracesThroughCall(serviceId, calleeId, limits.maxRows(), dictionaries.compression());
        }
        if (ExemplarMerge.answers(search, sort)) {
            Optional<LinkedHashMap<TraceId, Long>> proven = fromExemplars(budget, search, range, serviceId, nameId, limit, sort);
            if (proven.isPresent()) {
                return new SearchResult(summaries(proven.get(), sort), false);
            }
        }
        List<AttributeFilter> attributes = search.attributes() == null ? List.of() : search.attributes();
        AttributeFilter indexed = attributes.stream().filter(a -> indexedKeys.contains(a.key())).findFirst().orElse(null);
        if (sort == TraceSearch.Sort.TIME && indexed == null) {
            boolean[] partial = {false};
            List<TraceSummary> found = summaries(newest(budget, search, range, serviceId, nameId, attributes, through, limit,
                    partial), sort);
            return new SearchResult(found, partial[0] || through != null && through.truncated());
        }

        // without a service, each service's top runs come from the covering index, their heads are read and merged:
        // far cheaper than sorting the window's rows of every service (a scan of the primary key range)
        List<Integer> perService = serviceId == null && indexed == null ? List.copyOf(dictionaries.services().all().keySet())
                : List.of();
        boolean merge = !perService.isEmpty() && perService.size() <= MAX_MERGED_SERVICES;
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());

        LinkedHashMap<TraceId, Long> traces = new LinkedHashMap<>(); // each with the key of a span of it
        boolean partial = false;
        long deadline = Math.min(budget.deadline(),
                attributes.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + scanBudgetNanos);
        Comparator<Candidate> order = order(sort);
        Map<Long, Boolean> checked = new HashMap<>(); // span key -> has the attributes: each run is decoded once
        // runs are read best first by what their spans reach at most; an operation, a maximum duration or status=OK
        // filters spans that this order cannot skip, so such a search reads the window's runs at once (up to the bound)
        boolean unordered = nameId != null || search.maxDurationMs() != null || search.status() == TraceSearch.Status.OK;
        int firstFetch = unordered ? maxCandidates : Math.min(maxCandidates, Math.max(100, limit * 4));
        rounds:
        for (int fetch = firstFetch; ; fetch = Math.min(maxCandidates, fetch * 4)) {
            // a round reads at most maxCandidates runs, and keeps at most maxCandidates spans, in all: merged services
            // share both (with 200 services and the full fetch each, one round read 52M candidates)
            List<Integer> services = merge ? perService : java.util.Collections.singletonList(serviceId);
            int share = Math.max(limit, Math.min(fetch, maxCandidates / services.size()));
            int spanShare = Math.max(limit, maxCandidates / services.size());
            List<Candidate> candidates = new ArrayList<>();
            boolean full = false;
            Candidate proven = null; // the order is certain down to the boundary of every full read: the earliest one
            for (Integer id : services) {
                Found found;
                try {
                    if (System.nanoTime() > deadline) {
                        partial = true;
                        break rounds;
                    }
                    JdbcTemplate scan = attributes.isEmpty() ? budget.jdbc() : scanJdbc;
                    List<RunCandidate> runs;
                    if (indexed != null) {
                        runs = postingCandidates(scan, indexed, keys[0], keys[1], id, sort, search, range, share, deadline);
                    } else {
                        Sql sql = candidateRuns(range, keys[0], keys[1], id, sort, search, share);
                        runs = scan.query(sql.text(), RUN_CANDIDATE, sql.parameters());
                    }
                    found = spansOfRuns(budget, runs, share, spanShare, search, range, nameId);
                } catch (QueryBudgetExceededException overBudget) {
                    partial = true;
                    break rounds;
                } catch (DataAccessException e) {
                    if (!ReadBudget.isTimeout(e)) {
                        throw e;
                    }
                    partial = true;
                    break rounds;
                }
                if (found.boundary() != null) {
                    full = true;
                    if (proven == null || order.compare(found.boundary(), proven) < 0) {
                        proven = found.boundary();
                    }
                }
                candidates.addAll(found.spans());
            }
            candidates.sort(order);
            Candidate boundary = proven;
            List<Candidate> settled = candidates.stream()
                    .takeWhile(c -> boundary == null || order.compare(c, boundary) <= 0).toList();
            traces.clear();
            boolean collected;
            try {
                collected = collectTraces(budget, settled, attributes, checked, through, traces, limit, deadline);
            } catch (QueryBudgetExceededException overBudget) {
                partial = true;
                break;
            }
            // share < fetch: the services' shares are capped, and a larger fetch would read the same runs again
            if (traces.size() >= limit || !full || fetch >= maxCandidates || share < fetch || !collected
                    || System.nanoTime() > deadline) {
                partial = full && traces.size() < limit;
                break;
            }
        }
        return new SearchResult(summaries(traces, sort), partial || through != null && through.truncated());
    }

    /**
     * The traces of the search from exemplar cells, or empty when the cells cannot prove them (then the
     * caller scans). Reads one row per minute of the window.
     */
    private Optional<LinkedHashMap<TraceId, Long>> fromExemplars(ReadBudget budget, TraceSearch search, TimeRange range,
                                                           Integer serviceId, Integer nameId, int limit,
                                                           TraceSearch.Sort sort) {
        long firstMinute = Math.floorDiv(range.startNanos(), NANOS_PER_MINUTE);
        long endMinute = range.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.floorDiv(range.endNanos(), NANOS_PER_MINUTE) + 1;
        int cellService = serviceId == null ? -1 : serviceId;
        int cellName = nameId == null ? -1 : nameId;
        List<ExemplarCell> cells = budget.jdbc().query("SELECT exemplars FROM span_exemplars WHERE service_id = ? AND name_id = ?"
                        + " AND bucket_minute >= ? AND bucket_minute < ?",
                (rs, row) -> ExemplarCell.decode(rs.getBytes(1)), cellService, cellName, firstMinute, endMinute);
        List<ExemplarMerge.Candidate> candidates = ExemplarMerge.candidates(cells, search, range, sort);
        LinkedHashMap<TraceId, Long> traces = new LinkedHashMap<>();
        boolean allProven = true;
        for (ExemplarMerge.Candidate candidate : candidates) {
            if (traces.size() >= limit) {
                break;
            }
            if (!candidate.proven()) {
                allProven = false;
                break;
            }
            TraceId traceId = traceOfKey(budget, candidate.span().key());
            if (traceId != null) {
                traces.putIfAbsent(traceId, candidate.span().key());
            }
        }
        if (traces.size() >= limit || allProven && ExemplarMerge.complete(cells, search)) {
            return Optional.of(traces);
        }
        return Optional.empty();
    }

    /**
     * The trace of the span with this key: the run with the greatest first key at or below it (runs hold
     * consecutive keys), or null when retention deleted it.
     */
    private static TraceId traceOfKey(ReadBudget budget, long key) {
        // last_key is checked here, not in SQL: there, a key whose run was deleted would scan every older run
        List<TraceId> found = budget.jdbc().query("SELECT trace_hi, trace_lo, last_key FROM span_runs WHERE first_key <= ?"
                        + " ORDER BY first_key DESC LIMIT 1",
                (rs, row) -> rs.getLong(3) >= key ? new TraceId(rs.getLong(1), rs.getLong(2)) : null, key);
        return found.isEmpty() ? null : found.getFirst();
    }

    /**
     * Newest first: key slices from the end of the window backwards. A span's key time is at or after its
     * start, so once {@code limit} traces start after the slice's first key time, no older slice can hold a
     * newer one.
     */
    private LinkedHashMap<TraceId, Long> newest(ReadBudget budget, TraceSearch search, TimeRange range, Integer serviceId,
                                          Integer nameId, List<AttributeFilter> attributes, TracesThroughCall through,
                                          int limit, boolean[] partial) {
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());
        // the last key as the first row of a backward index scan: H2 answers MAX(first_key) with a WHERE clause
        // by reading every key of the range (all of the service's runs), ORDER BY ... DESC LIMIT 1 reads one
        List<Long> lastKey = serviceId == null
                ? budget.jdbc().queryForList("SELECT first_key FROM span_runs WHERE first_key < ? ORDER BY first_key DESC LIMIT 1",
                Long.class, keys[1])
                : budget.jdbc().queryForList("SELECT first_key FROM span_runs WHERE service_id = ? AND first_key < ?"
                + " ORDER BY service_id DESC, first_key DESC LIMIT 1", Long.class, serviceId, keys[1]);
        List<Candidate> found = new ArrayList<>();
        LinkedHashMap<TraceId, Long> traces = new LinkedHashMap<>();
        if (lastKey.isEmpty()) {
            return traces;
        }
        long last = lastKey.getFirst();
        long sliceKeys = RowKeys.floorKey(NEWEST_SLICE_NANOS);
        long to = Math.min(keys[1], last + 1);
        int fetch = Math.max(100, limit * 4);
        int scanned = 0;
        long deadline = Math.min(budget.deadline(),
                attributes.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + scanBudgetNanos);
        Comparator<Candidate> newestFirst = order(TraceSearch.Sort.TIME);
        Map<Long, Boolean> checked = new HashMap<>(); // span key -> has the attributes: each run is decoded once
        while (to > keys[0] && scanned < maxCandidates && System.nanoTime() < deadline) {
            long from = Math.max(keys[0], to - sliceKeys);
            Sql sql = candidateRuns(range, from, to, serviceId, TraceSearch.Sort.TIME, search, fetch);
            List<RunCandidate> runs;
            try {
                runs = budget.jdbc().query(sql.text(), RUN_CANDIDATE, sql.parameters());
                if (runs.size() >= fetch && fetch < maxCandidates) {
                    // every run of a slice is needed to know which spans are newest: read this slice again, larger
                    fetch = Math.min(fetch * 4, maxCandidates);
                    continue;
                }
                found.addAll(spansOfRuns(budget, runs, Integer.MAX_VALUE, Integer.MAX_VALUE, search, range, nameId).spans());
            } catch (QueryBudgetExceededException overBudget) {
                break;
            } catch (DataAccessException e) {
                if (!ReadBudget.isTimeout(e)) {
                    throw e;
                }
                break;
            }
            scanned += runs.size();
            found.sort(newestFirst);
            long settledFrom = RowKeys.keyNanos(from);
            List<Candidate> settled = found.stream().filter(c -> c.startNanos() >= settledFrom).toList();
            traces.clear();
            if (!collectTraces(budget, settled, attributes, checked, through, traces, limit, deadline)) {
                break;
            }
            if (traces.size() >= limit) {
                return traces;
            }
            to = from;
            if (runs.size() < fetch / 4) {
                sliceKeys = Math.min(sliceKeys * 2, Long.MAX_VALUE / 4); // sparse data: an empty stretch costs a few queries
            }
        }
        partial[0] = to > keys[0]; // stopped at the scan bound or the time budget before the window's start
        traces.clear();
        // the spans found are checked once more with a short budget of their own: they are few (bounded by the scan)
        ReadBudget closing = ReadBudget.start(dataSource, limits.withTimeout(Duration.ofNanos(Math.max(1_000_000_000L,
                scanBudgetNanos / 4))));
        try {
            partial[0] |= !collectTraces(closing, found, attributes, checked, through, traces, limit,
                    System.nanoTime() + scanBudgetNanos / 4);
        } catch (QueryBudgetExceededException overBudget) {
            partial[0] = true;
        }
        return traces;
    }

    /** A matching span: its key, sort values, trace, and the first key of its run (to read its details). */
    private record Candidate(long key, long durationNanos, long startNanos, boolean error, TraceId traceId, long runKey) {
    }

    /** A run that may hold matching spans, with the values its spans sort by at most. */
    private record RunCandidate(long firstKey, long maxDurationNanos, long latestNanos, boolean error) {

        /**
         * A candidate that sorts at or after every span of this run and of the runs that sort after it: where the
         * order of a full read of runs is certain.
         */
        Candidate boundary() {
            return new Candidate(firstKey, maxDurationNanos, latestNanos, error, null, firstKey);
        }
    }

    private static final org.springframework.jdbc.core.RowMapper<RunCandidate> RUN_CANDIDATE = (rs, row) ->
            new RunCandidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) > 0);

    /** The spans of a read of runs, and when the read was full (or cut at the span bound), the boundary of its order. */
    private record Found(List<Candidate> spans, Candidate boundary) {
    }

    /** The same order as the candidate SQL's ORDER BY. */
    private static Comparator<Candidate> order(TraceSearch.Sort sort) {
        Comparator<Candidate> byDuration = Comparator.comparingLong(Candidate::durationNanos).reversed();
        Comparator<Candidate> first = switch (sort) {
            case DURATION -> byDuration;
            case TIME -> Comparator.comparingLong(Candidate::startNanos).reversed();
            case ERRORS -> Comparator.comparing((Candidate c) -> c.error() ? 0 : 1).thenComparing(byDuration);
        };
        return first.thenComparing(Comparator.comparingLong(Candidate::key).reversed());
    }

    /**
     * Step 1: runs that may hold matching spans, best first by what their spans can reach at most (longest
     * duration; failed first; latest start for newest), from the covering {@code span_runs_service} index for a
     * service, else a range of the primary key. Columns: first key, longest duration, earliest start (newest first
     * reads key slices and needs no bound), error count.
     */
    private static Sql candidateRuns(TimeRange range, long fromKey, long toKey, Integer serviceId,
                                     TraceSearch.Sort sort, TraceSearch search, int fetch) {
        Sql sql = new Sql();
        String columns = "first_key, max_duration_ns, start_ns, error_count";
        if (serviceId != null) {
            sql.append("SELECT " + columns + " FROM span_runs WHERE service_id = ? AND first_key >= ? AND first_key < ?",
                    serviceId, fromKey, toKey);
        } else {
            sql.append("SELECT " + columns + " FROM span_runs WHERE first_key >= ? AND first_key < ?", fromKey, toKey);
        }
        // a span of the run starts in the window only if the run starts before its end (and ends after its start)
        sql.append(" AND start_ns < ?", range.endNanos());
        if (search.minDurationMs() != null) {
            sql.append(" AND max_duration_ns >= ?", minDurationNanos(search));
        }
        if (search.status() == TraceSearch.Status.ERROR) {
            sql.append(" AND error_count > 0");
        }
        sql.append(switch (sort) {
            case DURATION -> " ORDER BY max_duration_ns DESC";
            case TIME -> " ORDER BY first_key DESC";
            case ERRORS -> " ORDER BY CASE WHEN error_count > 0 THEN 0 ELSE 1 END, max_duration_ns DESC";
        });
        sql.append(", first_key DESC LIMIT ?", fetch);
        return sql;
    }

    /**
     * Step 1 with an indexed attribute: the best {@code fetch} runs of the value's postings, in the order of
     * {@link #candidateRuns}. A posting bounds the spans of its run that have the value, so no run is read here.
     * Past {@code deadline} (System.nanoTime) it throws {@link QueryBudgetExceededException}: the search is partial.
     */
    private List<RunCandidate> postingCandidates(JdbcTemplate jdbc, AttributeFilter indexed, long fromKey, long toKey,
                                                 Integer serviceId, TraceSearch.Sort sort, TraceSearch search,
                                                 TimeRange range, int fetch, long deadline) {
        Long minDuration = search.minDurationMs() == null ? null : minDurationNanos(search);
        boolean errorsOnly = search.status() == TraceSearch.Status.ERROR;
        Comparator<RunCandidate> order = Comparator.comparing(RunCandidate::boundary, order(sort));
        PriorityQueue<RunCandidate> best = new PriorityQueue<>(order.reversed()); // the worst kept on top
        AttributePostings.forEach(jdbc, Hashing.attribute(indexed.key(), indexed.value()), fromKey, toKey, posting -> {
            if (System.nanoTime() > deadline) {
                throw new QueryBudgetExceededException(limits.timeout(), null);
            }
            if (serviceId != null && posting.serviceId() != serviceId || posting.earliestStartNanos() >= range.endNanos()
                    || posting.latestStartNanos() < range.startNanos()
                    || minDuration != null && posting.maxDurationNanos() < minDuration || errorsOnly && !posting.error()) {
                return;
            }
            RunCandidate run = new RunCandidate(posting.runKey(), posting.maxDurationNanos(),
                    posting.latestStartNanos(), posting.error());
            if (best.size() < fetch) {
                best.add(run);
            } else if (order.compare(run, best.peek()) < 0) {
                best.poll();
                best.add(run);
            }
        });
        List<RunCandidate> runs = new ArrayList<>(best);
        runs.sort(order);
        return runs;
    }

    private static long minDurationNanos(TraceSearch search) {
        return (long) Math.ceil(search.minDurationMs() * 1_000_000);
    }

    /**
     * The spans of {@code runs} (read in their order) that match the search (window, operation, durations, status;
     * attributes are checked later), at most about {@code maxSpans}; when {@code full} runs were read, or the spans
     * reached the bound, the boundary below which spans of the runs not taken may sort.
     */
    private Found spansOfRuns(ReadBudget budget, List<RunCandidate> runs, int full, int maxSpans, TraceSearch search,
                              TimeRange range, Integer nameId) {
        Long minDuration = search.minDurationMs() == null ? null : minDurationNanos(search);
        Long maxDuration = search.maxDurationMs() == null ? null : (long) Math.floor(search.maxDurationMs() * 1_000_000);
        List<Candidate> spans = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += CHUNK) {
            List<RunCandidate> chunk = runs.subList(from, Math.min(runs.size(), from + CHUNK));
            Sql sql = new Sql().append("SELECT " + SpanRunRows.HEAD_COLUMNS + " FROM span_runs WHERE ")
                    .inList("first_key", chunk.stream().map(RunCandidate::firstKey).toList());
            Map<Long, SpanRunRows.Run> read = new HashMap<>();
            budget.jdbc().query(sql.text(), rs -> {
                read.put(rs.getLong("first_key"), SpanRunRows.run(rs));
            }, sql.parameters());
            for (RunCandidate candidate : chunk) {
                SpanRunRows.Run run = read.get(candidate.firstKey());
                if (run == null) {
                    continue; // deleted by retention since step 1
                }
                for (SpanRunCodec.Head head : run.heads()) {
                    if (head.startNanos() < range.startNanos() || head.startNanos() >= range.endNanos()
                            || nameId != null && head.nameId() != nameId
                            || minDuration != null && head.durationNanos() < minDuration
                            || maxDuration != null && head.durationNanos() > maxDuration
                            || search.status() == TraceSearch.Status.ERROR && !head.error()
                            || search.status() == TraceSearch.Status.OK && head.error()) {
                        continue;
                    }
                    spans.add(new Candidate(head.key(), head.durationNanos(), head.startNanos(), head.error(),
                            run.traceId(), candidate.firstKey()));
                }
                if (spans.size() >= maxSpans) {
                    return new Found(spans, candidate.boundary());
                }
            }
        }
        return new Found(spans, !runs.isEmpty() && runs.size() >= full ? runs.getLast().boundary() : null);
    }

    /**
     * Step 2: the distinct traces of the candidates, in order, keeping only spans that pass the attribute filters
     * (checked on their decoded details) and traces that pass {@code through} (the {@code calls} filter, when not
     * null). Whether it went through the candidates (or found {@code limit} traces) before {@code deadline}
     * (System.nanoTime).
     */
    private boolean collectTraces(ReadBudget budget, List<Candidate> candidates, List<AttributeFilter> attributes,
                                  Map<Long, Boolean> checked, TracesThroughCall through, Map<TraceId, Long> traces, int limit, long deadline) {
        for (int from = 0; from < candidates.size() && traces.size() < limit; from += CHUNK) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            Set<Long> passing;
            try {
                passing = attributes.isEmpty() ? null : passingAttributes(budget, chunk, attributes, checked);
            } catch (DataAccessException e) {
                if (!ReadBudget.isTimeout(e)) {
                    throw e;
                }
                return false;
            }
            LinkedHashMap<TraceId, Long> found = new LinkedHashMap<>();
            for (Candidate candidate : chunk) {
                if ((passing == null || passing.contains(candidate.key())) && !traces.containsKey(candidate.traceId())) {
                    found.putIfAbsent(candidate.traceId(), candidate.key());
                }
            }
            List<TraceId> passed = new ArrayList<>(found.keySet());
            if (through != null) {
                try {
                    passed = through.retain(budget, passed, found);
                } catch (DataAccessException e) {
                    if (!ReadBudget.isTimeout(e)) {
                        throw e;
                    }
                    return false;
                }
            }
            for (TraceId traceId : passed) {
                if (traces.size() < limit) {
                    traces.put(traceId, found.get(traceId));
                }
            }
        }
        return true;
    }

    /**
     * The keys of the candidates whose spans have every attribute of the filters, from their runs' details; a run is
     * decoded once per search, its spans' results kept in {@code checked}.
     */
    private Set<Long> passingAttributes(ReadBudget budget, List<Candidate> candidates, List<AttributeFilter> attributes,
                                        Map<Long, Boolean> checked) {
        List<Long> runKeys = candidates.stream().filter(c -> !checked.containsKey(c.key())).map(Candidate::runKey)
                .distinct().toList();
        SpanRunRows.forEachWithDetails(budget, runKeys, dictionaries.compression(),
                (run, head, detail) -> checked.put(head.key(), matches(detail.body().attributes(), attributes)));
        Set<Long> passing = new HashSet<>();
        candidates.stream().filter(c -> Boolean.TRUE.equals(checked.get(c.key()))).forEach(c -> passing.add(c.key()));
        return passing;
    }

    private static boolean matches(Attributes spanAttributes, List<AttributeFilter> filters) {
        for (AttributeFilter filter : filters) {
            if (!filter.value().equals(spanAttributes.getString(filter.key()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Step 3: a summary per trace from its spans near the span the search found ({@link TraceRuns#NEAR}; {@link
     * TraceRuns#WIDE} for the traces whose root is not among them), in the requested order.
     */
    private List<TraceSummary> summaries(Map<TraceId, Long> traces, TraceSearch.Sort sort) {
        if (traces.isEmpty()) {
            return List.of();
        }
        ReadBudget budget = ReadBudget.start(dataSource, limits); // the search's own may be spent: a budget of their own
        Map<TraceId, SummaryBuilder> builders = summarize(budget, traces, TraceRuns.NEAR);
        Map<TraceId, Long> rootless = new HashMap<>();
        builders.forEach((trace, builder) -> {
            if (builder.rootStart == Long.MAX_VALUE) {
                rootless.put(trace, traces.get(trace));
            }
        });
        if (!rootless.isEmpty()) {
            builders.putAll(summarize(budget, rootless, TraceRuns.WIDE));
        }
        Comparator<TraceSummary> order = switch (sort) {
            case DURATION -> Comparator.comparingDouble(TraceSummary::durationMs).reversed();
            case TIME -> Comparator.comparing(TraceSummary::startTime).reversed();
            case ERRORS -> Comparator.comparing((TraceSummary t) -> t.errorCount() > 0 ? 0 : 1)
                    .thenComparing(Comparator.comparingDouble(TraceSummary::durationMs).reversed());
        };
        return builders.values().stream().filter(b -> b.spanCount > 0).map(this::summary).sorted(order).toList();
    }

    private static Map<TraceId, SummaryBuilder> summarize(ReadBudget budget, Map<TraceId, Long> traces, long margin) {
        Map<TraceId, SummaryBuilder> builders = new HashMap<>();
        traces.keySet().forEach(t -> builders.put(t, new SummaryBuilder(t)));
        TraceRuns.forEach(budget, traces, margin, SpanRunRows.HEAD_COLUMNS, rs -> {
            SpanRunRows.Run run = SpanRunRows.run(rs);
            SummaryBuilder builder = builders.get(run.traceId());
            if (builder != null) {
                for (SpanRunCodec.Head head : run.heads()) {
                    builder.add(head.root(), run.serviceId(), head.nameId(), head.startNanos(), head.endNanos(), head.error());
                }
            }
        });
        return builders;
    }

    private TraceSummary summary(SummaryBuilder b) {
        boolean hasRoot = b.rootStart != Long.MAX_VALUE;
        int serviceId = hasRoot ? b.rootServiceId : b.firstServiceId;
        int nameId = hasRoot ? b.rootNameId : b.firstNameId;
        long start = hasRoot ? b.rootStart : b.minStart;
        long durationNanos = hasRoot ? b.rootEnd - b.rootStart : b.maxEnd - b.minStart;
        return new TraceSummary(b.traceId.toHex(), dictionaries.services().name(serviceId),
                dictionaries.spanNames().name(nameId), TimeRange.toInstant(start), Math.max(0, durationNanos) / 1e6,
                b.spanCount, b.errorCount);
    }

    private static final class SummaryBuilder {
        final TraceId traceId;
        int spanCount;
        int errorCount;
        long minStart = Long.MAX_VALUE;
        long maxEnd = Long.MIN_VALUE;
        int firstServiceId;
        int firstNameId;
        long rootStart = Long.MAX_VALUE;
        long rootEnd;
        int rootServiceId;
        int rootNameId;

        SummaryBuilder(TraceId traceId) {
            this.traceId = traceId;
        }

        void add(boolean root, int serviceId, int nameId, long start, long end, boolean error) {
            spanCount++;
            if (error) {
                errorCount++;
            }
            if (start < minStart) {
                minStart = start;
                firstServiceId = serviceId;
                firstNameId = nameId;
            }
            maxEnd = Math.max(maxEnd, end);
            if (root && start < rootStart) {
                rootStart = start;
                rootEnd = end;
                rootServiceId = serviceId;
                rootNameId = nameId;
            }
        }
    }

    @Override
    public Optional<Trace> trace(TraceId traceId) {
        return traceNear(traceId, null);
    }

    @Override
    public Optional<Trace> trace(TraceId traceId, Instant near) {
        return traceNear(traceId, RowKeys.floorKey(near.getEpochSecond() * 1_000_000_000L + near.getNano()));
    }

    /** The trace anywhere ({@code nearKey} null), or within {@link TraceRuns#WIDE} of a key. */
    private Optional<Trace> traceNear(TraceId traceId, Long nearKey) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return traceWithin(budget, traceId, nearKey);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    /**
     * The first {@code maxTraceSpans} spans by start time (a 1.9M-span trace must not be read whole), and as
     * many logs; when there are more, their total is counted to say how many were left out. The heads of the
     * trace's runs come first, and only the runs that hold a kept span are read whole.
     */
    private Optional<Trace> traceWithin(ReadBudget budget, TraceId traceId, Long nearKey) {
        int max = limits.maxTraceSpans();
        // latest start on top, so the heap can give up its latest span for an earlier one
        Comparator<SpanRunCodec.Head> byStart = Comparator.comparingLong(SpanRunCodec.Head::startNanos)
                .thenComparingLong(SpanRunCodec.Head::key);
        java.util.PriorityQueue<SpanRunCodec.Head> earliest = new java.util.PriorityQueue<>(byStart.reversed());
        Map<Long, Long> runOfKey = new HashMap<>();
        long[] spanCount = {0};
        Map<TraceId, Long> where = new HashMap<>();
        where.put(traceId, nearKey);
        TraceRuns.forEach(budget, where, TraceRuns.WIDE, SpanRunRows.HEAD_COLUMNS,
                rs -> {
                    SpanRunRows.Run run = SpanRunRows.run(rs);
                    long runKey = rs.getLong("first_key");
                    for (SpanRunCodec.Head head : run.heads()) {
                        spanCount[0]++;
                        if (earliest.size() < max || byStart.compare(head, earliest.peek()) < 0) {
                            if (earliest.size() == max) {
                                runOfKey.remove(earliest.poll().key());
                            }
                            earliest.add(head);
                            runOfKey.put(head.key(), runKey);
                        }
                    }
                });
        if (earliest.isEmpty()) {
            return Optional.empty();
        }
        long omittedSpans = spanCount[0] - earliest.size();
        List<Long> runKeys = runOfKey.values().stream().distinct().toList();
        Map<Long, Span> byKey = new HashMap<>();
        SpanRunRows.forEachWithDetails(budget, runKeys, dictionaries.compression(), (run, head, detail) -> {
            if (runOfKey.containsKey(head.key())) {
                byKey.put(head.key(), SpanRunRows.span(run, head, detail, dictionaries));
            }
        });
        List<Span> spans = earliest.stream().sorted(byStart).map(head -> byKey.get(head.key()))
                .filter(java.util.Objects::nonNull).toList();
        List<LogRecord> logs = budget.jdbc().query("SELECT " + LogRows.LOG_COLUMNS + " FROM logs WHERE trace_hi = ?"
                        + " AND trace_lo = ? ORDER BY time_ns, log_key LIMIT ?", LogRows.logMapper(dictionaries),
                traceId.hi(), traceId.lo(), max + 1);
        long omittedLogs = 0;
        if (logs.size() > max) {
            logs = logs.subList(0, max);
            Long total = budget.jdbc().queryForObject("SELECT COUNT(*) FROM logs WHERE trace_hi = ? AND trace_lo = ?",
                    Long.class, traceId.hi(), traceId.lo());
            omittedLogs = Math.max(0, (total == null ? 0 : total) - max);
        }
        return Optional.of(new Trace(traceId, spans, List.copyOf(logs), omittedSpans, omittedLogs));
    }
}
