package dev.meridian.query.jdbc;

import dev.meridian.query.QueryBudgetExceededException;
import dev.meridian.query.QueryLimits;
import dev.meridian.query.TraceQueries;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.TraceSearch.AttributeFilter;
import dev.meridian.query.TraceSummary;
import dev.meridian.storage.jdbc.DetailCodec;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.ExemplarCell;
import dev.meridian.storage.jdbc.Hashing;
import dev.meridian.storage.jdbc.RowKeys;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trace search and trace detail over the {@code spans} table.
 *
 * <p>The slowest (or failed) traces of a window, the drill-down behind every chart, come from the span
 * exemplars the writer keeps per service, span name and minute ({@link ExemplarMerge}): a few rows per
 * minute, whatever the volume. When exemplars cannot prove the answer (more traces asked than the cells
 * of the window keep, a maximum duration, attribute filters), search runs in three steps: (1) the keys of matching spans,
 * best first, from the narrowest access path: the attribute side index for an indexed {@code attr} filter,
 * else the covering {@code spans_service_key} index for a service (for every service, merged, when none
 * is given), else (more than {@value #MAX_MERGED_SERVICES} services) a range of the primary key; newest
 * first reads the key range backwards in slices and stops as soon as older slices cannot hold newer spans;
 * (2) the trace ids of those keys (and attribute checks on the decoded detail), until {@code limit}
 * distinct traces are found, fetching more keys when filters drop some; (3) a summary per trace from all its
 * spans. Attribute filters on keys that are not indexed scan at most {@link #MAX_CANDIDATES} spans.
 *
 * <p>Bounded ({@link QueryLimits}): one round reads at most {@code maxCandidates} candidate spans over all
 * services together (each merged service gets its share, and the merged order is kept only as far as every
 * service's share proves it); the statements of a search run within its time budget, and a search out of
 * time answers with the traces it found (possibly none), marked partial: a search never fails for time. The
 * summaries of the traces found get a budget of their own. Trace detail returns at most {@code maxTraceSpans} spans and as many logs, the first ones,
 * with the count of those left out.
 *
 * <p>Span keys follow arrival ({@link RowKeys}): the spans that start in a window have keys in
 * {@link RowKeys#spanKeyRange}, and each query also checks {@code start_ns}.
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
            Optional<LinkedHashSet<TraceId>> proven = fromExemplars(budget, search, range, serviceId, nameId, limit, sort);
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

        // without a service, each service's top spans come from the covering index and are merged:
        // far cheaper than sorting the window's rows of every service (a scan of the primary key range)
        List<Integer> perService = serviceId == null && indexed == null ? List.copyOf(dictionaries.services().all().keySet())
                : List.of();
        boolean merge = !perService.isEmpty() && perService.size() <= MAX_MERGED_SERVICES;
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());

        LinkedHashSet<TraceId> traces = new LinkedHashSet<>();
        boolean partial = false;
        long deadline = Math.min(budget.deadline(),
                attributes.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + scanBudgetNanos);
        Comparator<Candidate> order = order(sort);
        rounds:
        for (int fetch = Math.min(maxCandidates, Math.max(100, limit * 4)); ; fetch = Math.min(maxCandidates, fetch * 4)) {
            // a round reads at most maxCandidates spans in all: merged services share it (with 200 services and
            // the full fetch each, one round read 52M candidates)
            List<Integer> services = merge ? perService : java.util.Collections.singletonList(serviceId);
            int share = Math.max(limit, Math.min(fetch, maxCandidates / services.size()));
            List<Candidate> candidates = new ArrayList<>();
            boolean full = false;
            Candidate proven = null; // the merged order is certain down to the best last candidate of a full share
            for (Integer id : services) {
                Sql sql = candidates(search, range, keys[0], keys[1], id, nameId, indexed, sort, share);
                List<Candidate> found;
                try {
                    if (System.nanoTime() > deadline) {
                        partial = true;
                        break rounds;
                    }
                    JdbcTemplate scan = attributes.isEmpty() ? budget.jdbc() : scanJdbc;
                    found = scan.query(sql.text(),
                            (rs, row) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) == 2),
                            sql.parameters());
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
                if (found.size() >= share) {
                    full = true;
                    if (share < fetch && (proven == null || order.compare(found.getLast(), proven) < 0)) {
                        proven = found.getLast();
                    }
                }
                candidates.addAll(found);
            }
            if (merge) {
                candidates.sort(order);
            }
            Candidate boundary = proven;
            List<Long> candidateKeys = candidates.stream().limit(fetch)
                    .takeWhile(c -> boundary == null || order.compare(c, boundary) <= 0).map(Candidate::key).toList();
            boolean capped = boundary != null;
            traces.clear();
            boolean collected;
            try {
                collected = collectTraces(budget, candidateKeys, attributes, through, traces, limit, deadline);
            } catch (QueryBudgetExceededException overBudget) {
                partial = true;
                break;
            }
            if (traces.size() >= limit || !full || fetch >= maxCandidates || !collected || capped
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
    private Optional<LinkedHashSet<TraceId>> fromExemplars(ReadBudget budget, TraceSearch search, TimeRange range,
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
        List<Long> proven = new ArrayList<>();
        boolean allProven = true;
        for (ExemplarMerge.Candidate candidate : candidates) {
            if (!candidate.proven()) {
                allProven = false;
                break;
            }
            proven.add(candidate.span().key());
        }
        LinkedHashSet<TraceId> traces = new LinkedHashSet<>();
        collectTraces(budget, proven, List.of(), null, traces, limit, budget.deadline());
        if (traces.size() >= limit || allProven && ExemplarMerge.complete(cells, search)) {
            return Optional.of(traces);
        }
        return Optional.empty();
    }

    /**
     * Newest first: key slices from the end of the window backwards. A span's key time is at or after its
     * start, so once {@code limit} traces start after the slice's first key time, no older slice can hold a
     * newer one.
     */
    private LinkedHashSet<TraceId> newest(ReadBudget budget, TraceSearch search, TimeRange range, Integer serviceId,
                                          Integer nameId, List<AttributeFilter> attributes, TracesThroughCall through,
                                          int limit, boolean[] partial) {
        long[] keys = RowKeys.spanKeyRange(range.startNanos(), range.endNanos());
        // the last key as the first row of a backward index scan: H2 answers MAX(span_key) with a WHERE clause
        // by reading every key of the range (all of the service's spans), ORDER BY ... DESC LIMIT 1 reads one
        List<Long> lastKey = serviceId == null
                ? budget.jdbc().queryForList("SELECT span_key FROM spans WHERE span_key < ? ORDER BY span_key DESC LIMIT 1",
                Long.class, keys[1])
                : budget.jdbc().queryForList("SELECT span_key FROM spans WHERE service_id = ? AND span_key < ?"
                + " ORDER BY service_id DESC, span_key DESC LIMIT 1", Long.class, serviceId, keys[1]);
        List<Candidate> found = new ArrayList<>();
        LinkedHashSet<TraceId> traces = new LinkedHashSet<>();
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
        while (to > keys[0] && scanned < maxCandidates && System.nanoTime() < deadline) {
            long from = Math.max(keys[0], to - sliceKeys);
            Sql sql = candidates(search, range, from, to, serviceId, nameId, null, TraceSearch.Sort.TIME, fetch);
            List<Candidate> slice;
            try {
                slice = budget.jdbc().query(sql.text(),
                        (rs, row) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) == 2),
                        sql.parameters());
            } catch (QueryBudgetExceededException overBudget) {
                break;
            } catch (DataAccessException e) {
                if (!ReadBudget.isTimeout(e)) {
                    throw e;
                }
                break;
            }
            if (slice.size() >= fetch && fetch < maxCandidates) {
                // every span of a slice is needed to know which are newest: read this slice again, larger
                fetch = Math.min(fetch * 4, maxCandidates);
                continue;
            }
            scanned += slice.size();
            found.addAll(slice);
            found.sort(order(TraceSearch.Sort.TIME));
            long settledFrom = RowKeys.keyNanos(from);
            List<Long> settled = found.stream().filter(c -> c.startNanos() >= settledFrom).map(Candidate::key).toList();
            traces.clear();
            if (!collectTraces(budget, settled, attributes, through, traces, limit, deadline)) {
                break;
            }
            if (traces.size() >= limit) {
                return traces;
            }
            to = from;
            if (slice.size() < fetch / 4) {
                sliceKeys = Math.min(sliceKeys * 2, Long.MAX_VALUE / 4); // sparse data: an empty stretch costs a few queries
            }
        }
        partial[0] = to > keys[0]; // stopped at the scan bound or the time budget before the window's start
        traces.clear();
        // the keys found are read once more with a short budget of their own: they are few (bounded by the scan)
        ReadBudget closing = ReadBudget.start(dataSource, limits.withTimeout(Duration.ofNanos(Math.max(1_000_000_000L,
                scanBudgetNanos / 4))));
        try {
            partial[0] |= !collectTraces(closing, found.stream().map(Candidate::key).toList(), attributes, through, traces, limit,
                    System.nanoTime() + scanBudgetNanos / 4);
        } catch (QueryBudgetExceededException overBudget) {
            partial[0] = true;
        }
        return traces;
    }

    /** A matching span's key and sort values. */
    private record Candidate(long key, long durationNanos, long startNanos, boolean error) {
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

    /** Step 1: keys (and sort values) of matching spans in the search's order, without the attribute checks. */
    private static Sql candidates(TraceSearch search, TimeRange range, long fromKey, long toKey, Integer serviceId,
                                  Integer nameId, AttributeFilter indexed, TraceSearch.Sort sort, int fetch) {
        Sql sql = new Sql();
        String s;
        if (indexed != null) {
            s = "s.";
            // a side-index row names a run of one trace's spans: every span of the run is a candidate, and
            // collectTraces checks the attribute on each
            sql.append("SELECT s.span_key, s.duration_ns, s.start_ns, s.status_code FROM span_attributes a"
                            + " JOIN spans s ON s.span_key BETWEEN a.span_key AND a.last_key"
                            + " WHERE a.attr_hash = ? AND a.span_key >= ? AND a.span_key < ?",
                    Hashing.attribute(indexed.key(), indexed.value()), fromKey, toKey);
            if (serviceId != null) {
                sql.append(" AND s.service_id = ?", serviceId);
            }
        } else if (serviceId != null) {
            s = "";
            sql.append("SELECT span_key, duration_ns, start_ns, status_code FROM spans WHERE service_id = ?"
                    + " AND span_key >= ? AND span_key < ?", serviceId, fromKey, toKey);
        } else {
            s = "";
            sql.append("SELECT span_key, duration_ns, start_ns, status_code FROM spans WHERE span_key >= ? AND span_key < ?",
                    fromKey, toKey);
        }
        sql.append(" AND " + s + "start_ns >= ? AND " + s + "start_ns < ?", range.startNanos(), range.endNanos());
        if (nameId != null) {
            sql.append(" AND " + s + "name_id = ?", nameId);
        }
        if (search.minDurationMs() != null) {
            sql.append(" AND " + s + "duration_ns >= ?", (long) Math.ceil(search.minDurationMs() * 1_000_000));
        }
        if (search.maxDurationMs() != null) {
            sql.append(" AND " + s + "duration_ns <= ?", (long) Math.floor(search.maxDurationMs() * 1_000_000));
        }
        if (search.status() == TraceSearch.Status.ERROR) {
            sql.append(" AND " + s + "status_code = 2");
        } else if (search.status() == TraceSearch.Status.OK) {
            sql.append(" AND " + s + "status_code <> 2");
        }
        sql.append(switch (sort) {
            case DURATION -> " ORDER BY " + s + "duration_ns DESC";
            case TIME -> " ORDER BY " + s + "start_ns DESC";
            case ERRORS -> " ORDER BY CASE WHEN " + s + "status_code = 2 THEN 0 ELSE 1 END, " + s + "duration_ns DESC";
        });
        sql.append(", " + s + "span_key DESC LIMIT ?", fetch);
        return sql;
    }

    /**
     * Step 2: the distinct traces of the keys, in order, keeping only spans that pass the attribute filters and
     * traces that pass {@code through} (the {@code calls} filter, when not null). Whether it went through the keys
     * (or found {@code limit} traces) before {@code deadline} (System.nanoTime).
     */
    private boolean collectTraces(ReadBudget budget, List<Long> keys, List<AttributeFilter> attributes,
                                  TracesThroughCall through, Set<TraceId> traces, int limit, long deadline) {
        boolean check = !attributes.isEmpty();
        for (int from = 0; from < keys.size() && traces.size() < limit; from += CHUNK) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            Sql sql = new Sql().append(check ? "SELECT span_key, trace_hi, trace_lo, start_ns, detail FROM spans WHERE "
                    : "SELECT span_key, trace_hi, trace_lo FROM spans WHERE ").inList("span_key", chunk);
            Map<Long, TraceId> byKey = new HashMap<>();
            try {
                budget.jdbc().query(sql.text(), rs -> {
                if (check) {
                    Attributes spanAttributes = DetailCodec.decodeSpan(rs.getBytes(5), rs.getLong(4), dictionaries.compression()).attributes();
                    for (AttributeFilter filter : attributes) {
                        if (!filter.value().equals(spanAttributes.getString(filter.key()))) {
                            return;
                        }
                    }
                }
                byKey.put(rs.getLong(1), new TraceId(rs.getLong(2), rs.getLong(3)));
                }, sql.parameters());
            } catch (DataAccessException e) {
                if (!ReadBudget.isTimeout(e)) {
                    throw e;
                }
                return false;
            }
            LinkedHashSet<TraceId> found = new LinkedHashSet<>();
            for (Long key : chunk) {
                TraceId traceId = byKey.get(key);
                if (traceId != null && !traces.contains(traceId)) {
                    found.add(traceId);
                }
            }
            List<TraceId> passed = new ArrayList<>(found);
            if (through != null) {
                try {
                    passed = through.retain(budget, passed);
                } catch (DataAccessException e) {
                    if (!ReadBudget.isTimeout(e)) {
                        throw e;
                    }
                    return false;
                }
            }
            for (TraceId traceId : passed) {
                if (traces.size() < limit) {
                    traces.add(traceId);
                }
            }
        }
        return true;
    }

    /** Step 3: a summary per trace from all of its spans, in the requested order. */
    private List<TraceSummary> summaries(Set<TraceId> traces, TraceSearch.Sort sort) {
        if (traces.isEmpty()) {
            return List.of();
        }
        Map<TraceId, SummaryBuilder> builders = new HashMap<>();
        traces.forEach(t -> builders.put(t, new SummaryBuilder(t)));
        List<Long> his = new ArrayList<>(new HashSet<>(traces.stream().map(TraceId::hi).toList()));
        ReadBudget budget = ReadBudget.start(dataSource, limits); // the search's own may be spent: a budget of their own
        for (int from = 0; from < his.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT s.trace_hi, s.trace_lo, s.parent_span_id, s.service_id, s.name_id, s.start_ns,"
                    + " s.end_ns, s.status_code, s.span_key FROM trace_runs r JOIN spans s ON s.span_key BETWEEN r.first_key"
                    + " AND r.last_key AND s.trace_hi = r.trace_hi WHERE ").inList("r.trace_hi", his.subList(from, Math.min(his.size(), from + CHUNK)));
            Set<Long> seen = new HashSet<>(); // the key ranges of two runs of a trace may overlap (see InsertSpans)
            budget.jdbc().query(sql.text(), rs -> {
                SummaryBuilder builder = builders.get(new TraceId(rs.getLong(1), rs.getLong(2)));
                if (builder != null && seen.add(rs.getLong(9))) {
                    builder.add(rs.getLong(3) == 0, rs.getInt(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getInt(8) == 2);
                }
            }, sql.parameters());
        }
        Comparator<TraceSummary> order = switch (sort) {
            case DURATION -> Comparator.comparingDouble(TraceSummary::durationMs).reversed();
            case TIME -> Comparator.comparing(TraceSummary::startTime).reversed();
            case ERRORS -> Comparator.comparing((TraceSummary t) -> t.errorCount() > 0 ? 0 : 1)
                    .thenComparing(Comparator.comparingDouble(TraceSummary::durationMs).reversed());
        };
        return builders.values().stream().filter(b -> b.spanCount > 0).map(this::summary).sorted(order).toList();
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
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            return traceWithin(budget, traceId);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    /**
     * The first {@code maxTraceSpans} spans by start time (a 1.9M-span trace must not be read whole), and as
     * many logs; when there are more, their total is counted to say how many were left out. The keys come first,
     * distinct (the key ranges of a trace's runs may overlap, so the join can yield a span several times: see
     * InsertSpans), then the rows of those keys.
     */
    private Optional<Trace> traceWithin(ReadBudget budget, TraceId traceId) {
        int max = limits.maxTraceSpans();
        String runs = " FROM trace_runs r JOIN spans s ON s.span_key BETWEEN r.first_key AND r.last_key"
                + " WHERE r.trace_hi = ? AND s.trace_hi = ? AND s.trace_lo = ?";
        List<Long> keys = budget.jdbc().query("SELECT DISTINCT s.start_ns, s.span_key" + runs
                        + " ORDER BY s.start_ns, s.span_key LIMIT ?", (rs, row) -> rs.getLong(2),
                traceId.hi(), traceId.hi(), traceId.lo(), max + 1);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        long omittedSpans = 0;
        if (keys.size() > max) {
            keys = keys.subList(0, max);
            Long total = budget.jdbc().queryForObject("SELECT COUNT(DISTINCT s.span_key)" + runs, Long.class,
                    traceId.hi(), traceId.hi(), traceId.lo());
            omittedSpans = Math.max(0, (total == null ? 0 : total) - max);
        }
        Map<Long, Span> byKey = new HashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            Sql sql = new Sql().append("SELECT " + SpanRows.SPAN_COLUMNS + " FROM spans WHERE ")
                    .inList("span_key", keys.subList(from, Math.min(keys.size(), from + CHUNK)));
            budget.jdbc().query(sql.text(), rs -> {
                byKey.put(rs.getLong("span_key"), SpanRows.span(rs, dictionaries));
            }, sql.parameters());
        }
        List<Span> spans = keys.stream().map(byKey::get).filter(java.util.Objects::nonNull).toList();
        List<LogRecord> logs = budget.jdbc().query("SELECT " + SpanRows.LOG_COLUMNS + " FROM logs WHERE trace_hi = ?"
                        + " AND trace_lo = ? ORDER BY time_ns, log_key LIMIT ?", SpanRows.logMapper(dictionaries),
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
