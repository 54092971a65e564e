package dev.meridian.storage.jdbc;

import dev.meridian.storage.DictionaryRetention;
import dev.meridian.storage.NotDurableException;
import dev.meridian.storage.TelemetryWriter;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.MetricPoint;
import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.TelemetryBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import dev.meridian.telemetry.Resource;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The JDBC {@link TelemetryWriter}: one transaction per batch (spans, logs, metric points, dictionary
 * entries, RED rollups, span exemplars and the service map's edge rollups of the calls {@link CallPairing}
 * completed), JDBC batch inserts. {@link #write} returns after the commit has
 * been made durable: on H2 {@code CHECKPOINT SYNC} writes the store and fsyncs the file (a plain
 * {@code CHECKPOINT} only writes it: H2's {@code Database.checkpoint()} is {@code Store.flush()}, while
 * {@code sync()} adds {@code FileStore.sync()}), on PostgreSQL the commit itself is durable. {@link #apply}
 * skips that sync, for batches a write-ahead log already holds.
 *
 * <p>Calls are serialized by a lock: there is exactly one writer at a time, which the dictionaries'
 * id allocation and the rollups' read-merge-write rely on. Concurrent callers wait.
 */
public class JdbcTelemetryWriter implements TelemetryWriter, DictionaryRetention {

    private static final int ATTEMPTS = 3;
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final Dictionaries dictionaries;
    private final InsertSpans insertSpans;
    private final InsertLogs insertLogs = new InsertLogs();
    private final InsertMetricPoints insertMetricPoints = new InsertMetricPoints();
    private final RowKeys keys;
    private final java.util.function.LongSupplier clockMillis;
    /**
     * The call pairing's clock for expiry (nanoseconds, only differences matter): System.nanoTime in the
     * application, because a wall clock stepped back by NTP would hold sides far longer than the wait (or,
     * stepped forward, expire them all at once); a replay's clock in benchmarks and tests replaying history.
     */
    private final java.util.function.LongSupplier pairingClockNanos;
    private long nowNanos;
    private final DetailWriter detail = new DetailWriter();
    private final ReentrantLock lock = new ReentrantLock();
    private final CallPairing calls = CallPairing.defaults();
    /** The pairing of the batch in the current transaction, applied to {@link #calls} once it committed. */
    private CallPairing.Staged stagedCalls;
    private static final java.util.Comparator<Resolved> BY_RUN = java.util.Comparator
            .comparingLong((Resolved r) -> r.span().traceId().hi()).thenComparingLong(r -> r.span().traceId().lo())
            .thenComparingInt(Resolved::serviceId).thenComparingLong(r -> r.span().startNanos());

    /** @param indexedAttributes span attribute keys to write to the attribute side index */
    public JdbcTelemetryWriter(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes) {
        this(dataSource, dictionaries, indexedAttributes, System::currentTimeMillis, System::nanoTime);
    }

    /**
     * For benchmarks and tests that replay history: spans are keyed by {@code arrivalClockMillis} (epoch millis)
     * instead of the wall clock, read once per span (see {@link RowKeys}). The application uses the wall clock.
     */
    public JdbcTelemetryWriter(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes,
                               java.util.function.LongSupplier arrivalClockMillis) {
        this(dataSource, dictionaries, indexedAttributes, arrivalClockMillis,
                () -> arrivalClockMillis.getAsLong() * 1_000_000L);
    }

    private JdbcTelemetryWriter(DataSource dataSource, Dictionaries dictionaries, Collection<String> indexedAttributes,
                                java.util.function.LongSupplier arrivalClockMillis,
                                java.util.function.LongSupplier pairingClockNanos) {
        this.pairingClockNanos = pairingClockNanos;
        this.dataSource = dataSource;
        this.dictionaries = dictionaries;
        this.insertSpans = new InsertSpans(new HashSet<>(indexedAttributes));
        this.keys = new RowKeys(arrivalClockMillis);
        this.clockMillis = arrivalClockMillis;
    }

    @Override
    public void write(TelemetryBatch batch) {
        store(batch, 0);
        sync();
    }

    @Override
    public void apply(TelemetryBatch batch, long logSequence) {
        if (logSequence <= 0) {
            throw new IllegalArgumentException("log sequences start at 1, was " + logSequence);
        }
        store(batch, logSequence);
    }

    @Override
    public long appliedSequence() {
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT applied_sequence FROM ingest_log_position WHERE position_id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("reading the applied log position failed", e);
        }
    }

    private void store(TelemetryBatch batch, long logSequence) {
        if (batch.isEmpty() && logSequence == 0) {
            return;
        }
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    writeOnce(batch, logSequence);
                    dictionaries.compression().trainIfReady();
                    return;
                } catch (SQLException e) {
                    if (attempt < ATTEMPTS && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        keys.skip(); // a row key collided (see RowKeys): retry with other sequence numbers
                        continue;
                    }
                    throw new DataAccessResourceFailureException("storing a batch of " + batch.size() + " items failed", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeOnce(TelemetryBatch batch, long logSequence) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            nowNanos = clockMillis.getAsLong() * 1_000_000L;
            try {
                writeSpans(connection, batch.spans());
                writeLogs(connection, batch.logs());
                writeMetricPoints(connection, batch.metricPoints());
                if (logSequence > 0) {
                    try (PreparedStatement position = connection.prepareStatement(
                            "UPDATE ingest_log_position SET applied_sequence = ? WHERE position_id = 1")) {
                        position.setLong(1, logSequence);
                        position.executeUpdate();
                    }
                }
                dictionaries.flush(connection);
                connection.commit();
                dictionaries.commit();
                if (stagedCalls != null) {
                    calls.commit(stagedCalls);
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                dictionaries.rollback();
                throw e;
            } finally {
                stagedCalls = null;
                connection.setAutoCommit(true);
            }
        }
    }

    /** The service-map pairing's counters (see {@link CallPairing}); any thread. */
    public CallPairing.Stats callPairing() {
        return calls.stats();
    }

    /**
     * Outside the transactions on purpose: what it syncs is committed already, so a failing sync is a
     * {@link NotDurableException} (the batch must not be written again, and must not be acknowledged either).
     */
    @Override
    public void sync() {
        String statement = dictionaries.dialect().durableCommit();
        if (statement == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); var sync = connection.createStatement()) {
            sync.execute(statement);
        } catch (SQLException | RuntimeException e) {
            throw new NotDurableException("committed data could not be synced to disk (disk full or I/O error?): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes the dictionary entries (services, span names, resources, metrics, series) the writer last used
     * before {@code cutoff}, and drops them from the caches. Under the writer's lock, so no batch uses an entry
     * while it is deleted. The writer stores its last use at most {@link LastSeen#PRECISION_NANOS} late, so the
     * caller keeps that much margin beyond its retention.
     *
     * @return how many entries were deleted
     */
    @Override
    public int forgetUnusedBefore(java.time.Instant cutoff) {
        lock.lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Dictionaries.Unseen unseen = dictionaries.deleteUnseenBefore(connection,
                        dev.meridian.telemetry.TimeRange.toNanos(cutoff), clockMillis.getAsLong() * 1_000_000L);
                connection.commit();
                dictionaries.forget(unseen);
                return unseen.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("deleting unused dictionary entries failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void writeSpans(Connection connection, List<Span> spans) throws SQLException {
        if (spans.isEmpty()) {
            return;
        }
        // the spans of one request share their Resource object: encode and hash each one once per batch
        Map<Resource, long[]> resourceIds = new IdentityHashMap<>();
        List<Resolved> resolved = new ArrayList<>(spans.size());
        for (Span span : spans) {
            long[] ids = resourceIds.get(span.resource());
            if (ids == null) {
                int serviceId = dictionaries.services().idForWrite(connection, span.serviceName(), nowNanos);
                ids = new long[] {serviceId, dictionaries.resourceIdForWrite(connection, detail, span.resource(), serviceId, nowNanos)};
                resourceIds.put(span.resource(), ids);
            }
            int nameId = dictionaries.spanNames().idForWrite(connection, span.name(), nowNanos);
            resolved.add(new Resolved((int) ids[0], new InsertSpans.Row(span, nameId, ids[1])));
        }
        // a trace's spans of one service in this batch become one run: one row, indexed once (see SpanRunCodec)
        resolved.sort(BY_RUN);
        RedRollups rollups = new RedRollups();
        SpanExemplars exemplars = new SpanExemplars();
        List<InsertSpans.Run> runs = new ArrayList<>();
        for (int first = 0; first < resolved.size(); ) {
            int end = first + 1;
            while (end < resolved.size() && end - first < RowKeys.RUN_SLOT && continuesRun(resolved.get(first), resolved.get(end))) {
                end++;
            }
            List<Resolved> run = resolved.subList(first, end);
            long firstKey = keys.nextRunForArrival(run.getFirst().span().startNanos(), run.getLast().span().startNanos(),
                    run.size());
            List<InsertSpans.Row> rows = new ArrayList<>(run.size());
            for (int i = 0; i < run.size(); i++) {
                Resolved span = run.get(i);
                rows.add(span.row());
                rollups.add(span.span(), span.serviceId(), span.row().nameId());
                exemplars.add(span.span(), firstKey + i, span.serviceId(), span.row().nameId());
            }
            runs.add(new InsertSpans.Run(run.getFirst().serviceId(), firstKey, rows));
            first = end;
        }
        insertSpans.execute(connection, detail, dictionaries.compression(), runs);
        rollups.merge(connection, dictionaries.dialect());
        exemplars.merge(connection, dictionaries.dialect());
        List<Span> byTrace = resolved.stream().map(Resolved::span).toList();
        int[] serviceIds = resolved.stream().mapToInt(Resolved::serviceId).toArray();
        stagedCalls = calls.stage(byTrace, serviceIds, pairingClockNanos.getAsLong()); // row keys use the wall clock
        EdgeRollups edges = new EdgeRollups();
        stagedCalls.calls().forEach(edges::add);
        stagedCalls.capped(edges.merge(connection, dictionaries.dialect()));
    }

    /** A span of the batch: the row the writer stores for it, and its service. */
    private record Resolved(int serviceId, InsertSpans.Row row) {

        Span span() {
            return row.span();
        }
    }

    /**
     * Whether {@code next} joins the run that {@code first} starts: the same trace and service, and a start close
     * enough that one key time suits all of them (see {@link RowKeys#nextRunForArrival}).
     */
    private static boolean continuesRun(Resolved first, Resolved next) {
        return next.serviceId() == first.serviceId() && next.span().traceId().equals(first.span().traceId())
                && next.span().startNanos() - first.span().startNanos() <= RowKeys.LATENESS_NANOS / 2;
    }

    private void writeLogs(Connection connection, List<LogRecord> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        List<InsertLogs.Row> rows = new ArrayList<>(logs.size());
        for (LogRecord log : logs) {
            int serviceId = dictionaries.services().idForWrite(connection, log.serviceName(), nowNanos);
            long resourceId = dictionaries.resourceIdForWrite(connection, detail, log.resource(), serviceId, nowNanos);
            rows.add(new InsertLogs.Row(log, keys.next(log.effectiveTimeNanos()), serviceId, resourceId));
        }
        insertLogs.execute(connection, detail, dictionaries.compression(), rows);
    }

    private void writeMetricPoints(Connection connection, List<MetricPoint> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        List<InsertMetricPoints.Row> rows = new ArrayList<>(points.size());
        for (MetricPoint point : points) {
            int serviceId = dictionaries.services().idForWrite(connection, point.serviceName(), nowNanos);
            long resourceId = dictionaries.resourceIdForWrite(connection, detail, point.resource(), serviceId, nowNanos);
            Dictionaries.MetricRow metric = dictionaries.metricForWrite(connection, serviceId, point, nowNanos);
            if (metric == null) {
                continue; // a new metric while the metrics table is full: dropped and counted
            }
            long seriesId = dictionaries.seriesIdForWrite(connection, detail, metric.metricId(), resourceId,
                    point.attributes(), nowNanos);
            rows.add(new InsertMetricPoints.Row(point, keys.next(point.timeNanos()), seriesId));
        }
        insertMetricPoints.execute(connection, detail, rows);
    }
}
