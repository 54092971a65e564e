package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pairs the two sides of calls between services ({@link CallSides}) as their spans arrive, for the service map (OpenTelemetry
 * Collector's and Tempo's servicegraph approach). A call is a SERVER/CONSUMER span (the callee's side) and its
 * parent span in another service: the caller's CLIENT/PRODUCER span, whose duration the call gets; or, when the
 * caller made no client span (an uninstrumented client library passing on its context), the caller's own
 * SERVER/CONSUMER span, and then the call gets the callee's duration.
 *
 * <p>The sides usually arrive in different batches and from different exporters: a batch span processor
 * exports a span when it ends, so the callee's side tends to come first. Each side waits here, keyed by
 * (trace id, the parent's span id), for at most {@code maxWait} of arrival time; a side that finds its partner
 * yields a {@link Call} (none when both are of the same service). A side that waited too long is dropped and
 * counted as expired. At most {@code maxEntries} sides wait: beyond that the oldest go first, counted as dropped,
 * so that a flood of client spans nobody answers shortens the wait instead of shutting out new calls.
 * SERVER/CONSUMER spans are also held, at most {@code maxEntries} of them and for at most {@code maxWait}, as
 * possible parents of uninstrumented calls; they are not used up by a call (a handler may call several
 * services). So memory is bounded by 2 × {@code maxEntries} held spans (~150 bytes each) plus one batch.
 *
 * <p>Transactional with the writer's batch: {@link #stage} pairs a batch against the held spans without
 * changing them, the writer stores the calls in the batch's transaction, and {@link #commit} applies the stage
 * only after that transaction committed. A failed batch, retried or not, therefore pairs as if it had never
 * been seen. Not thread-safe for stage/commit (the writer holds its lock); {@link #stats} may be read from any
 * thread.
 *
 * <p>What it does not see (documented limits): a call whose sides arrive more than {@code maxWait} apart; a
 * callee whose parent is an INTERNAL span; a CLIENT span to an uninstrumented server (no virtual nodes from
 * {@code peer.service}; database client spans, with {@code db.system}, are not even held); sides held when the
 * process stops (a restart forgets them, so calls in flight across a crash or restart may be missing from the map).
 */
public final class CallPairing {

    /** One call from {@code sourceServiceId} to {@code targetServiceId}. */
    public record Call(int sourceServiceId, int targetServiceId, long startNanos, long durationNanos, boolean error) {
    }

    /**
     * Counters since start: {@code waiting} spans held now (sides waiting for their partner, and possible parents
     * of uninstrumented calls), {@code paired} callee sides that met their caller's (calls, and same-service
     * pairs), {@code expired} sides that waited longer than the wait, {@code dropped} sides let go before their wait ended
     * because too many waited, {@code capped} calls not stored because their minute had too many edges.
     */
    public record Stats(long waiting, long paired, long expired, long dropped, long capped) {
    }

    /** A held span: its service and timing, and when it arrived. */
    private record Side(int serviceId, long startNanos, long durationNanos, boolean error, long arrivedNanos) {
    }

    /** (trace id, a span id: the held span's own, or for a waiting callee its parent's). */
    private record Key(long traceHi, long traceLo, long spanId) {
    }

    /** The effect of one batch: calls to store now, and the changes to apply once they are stored. */
    public static final class Staged {
        private final List<Call> calls = new ArrayList<>();
        private final Set<Key> takenClients = new HashSet<>();
        private final Set<Key> takenCallees = new HashSet<>();
        private final Map<Key, Side> newClients = new LinkedHashMap<>();
        private final Map<Key, List<Side>> newCallees = new LinkedHashMap<>();
        private final Map<Key, Side> newEntries = new LinkedHashMap<>();
        private final long nowNanos;
        private long pairs;
        private long capped;

        private Staged(long nowNanos) {
            this.nowNanos = nowNanos;
        }

        /** The calls the batch completed, in arrival order. */
        public List<Call> calls() {
            return calls;
        }

        /** Calls the writer could not store (the cap of edges per minute): counted at commit. */
        public void capped(long calls) {
            capped += calls;
        }
    }

    private final long maxWaitNanos;
    private final int maxEntries;
    // arrival order: the oldest held span is first, so expiry reads only the heads
    /** CLIENT/PRODUCER spans waiting for their callee, by their own id. */
    private final LinkedHashMap<Key, Side> clients = new LinkedHashMap<>();
    /** SERVER/CONSUMER spans waiting for their parent, by the parent's id (siblings share a key). */
    private final LinkedHashMap<Key, List<Side>> callees = new LinkedHashMap<>();
    /** SERVER/CONSUMER spans as possible parents of uninstrumented calls, by their own id. */
    private final LinkedHashMap<Key, Side> entries = new LinkedHashMap<>();
    /** Spans in {@link #clients} and {@link #callees}. */
    private int sides;
    private volatile int waiting;
    private final AtomicLong paired = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong capped = new AtomicLong();

    public CallPairing(java.time.Duration maxWait, int maxEntries) {
        if (maxWait.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("call pairing needs a wait >= 0 and a size >= 0: " + maxWait + ", " + maxEntries);
        }
        this.maxWaitNanos = maxWait.toNanos();
        this.maxEntries = maxEntries;
    }

    /** 30 s covers a batch span processor's default 5 s delay on both sides and calls of up to ~20 s. */
    public static CallPairing defaults() {
        return new CallPairing(java.time.Duration.ofSeconds(30), 200_000);
    }

    /**
     * Pairs the batch's spans with each other and with the held spans, without changing them.
     *
     * @param serviceIds the service id of each span, in the same order
     * @param nowNanos   arrival time (the writer's clock), for expiry
     */
    public Staged stage(List<Span> spans, int[] serviceIds, long nowNanos) {
        Staged staged = new Staged(nowNanos);
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            SpanKind kind = span.kind();
            boolean client = CallSides.isClient(kind);
            boolean entry = CallSides.isCallee(kind);
            // INTERNAL spans, and database client spans: databases send no SERVER spans, so a database client
            // would only wait for nothing and crowd out the sides of real calls (most CLIENT spans are such)
            if (!CallSides.isCaller(kind, span.attributes()) && !entry) {
                continue;
            }
            Side side = new Side(serviceIds[i], span.startNanos(), span.durationNanos(), span.status().isError(), nowNanos);
            long traceHi = span.traceId().hi();
            long traceLo = span.traceId().lo();
            Key own = new Key(traceHi, traceLo, span.spanId().value());
            if (client) {
                List<Side> found = takeCallees(staged, own);
                if (found.isEmpty()) {
                    if (!staged.newClients.containsKey(own) && !clients.containsKey(own)) {
                        staged.newClients.put(own, side);
                    }
                } else {
                    found.forEach(callee -> emit(staged, side, callee, true));
                }
                continue;
            }
            if (span.parentSpanId().isValid()) {
                Key parent = new Key(traceHi, traceLo, span.parentSpanId().value());
                Side caller = takeClient(staged, parent);
                if (caller != null) {
                    emit(staged, caller, side, true);
                } else if ((caller = entry(staged, parent)) != null) {
                    emit(staged, caller, side, false);
                } else {
                    staged.newCallees.computeIfAbsent(parent, k -> new ArrayList<>(1)).add(side);
                }
            }
            // this span as the parent of callees that came first without a client span between them
            takeCallees(staged, own).forEach(callee -> emit(staged, side, callee, false));
            if (!staged.newEntries.containsKey(own) && !entries.containsKey(own)) {
                staged.newEntries.put(own, side);
            }
        }
        return staged;
    }

    private Side takeClient(Staged staged, Key key) {
        Side side = staged.newClients.remove(key);
        if (side != null || staged.takenClients.contains(key)) {
            return side;
        }
        side = clients.get(key);
        if (side != null) {
            staged.takenClients.add(key);
        }
        return side;
    }

    private List<Side> takeCallees(Staged staged, Key key) {
        List<Side> found = new ArrayList<>(1);
        List<Side> fresh = staged.newCallees.remove(key);
        if (fresh != null) {
            found.addAll(fresh);
        }
        if (!staged.takenCallees.contains(key)) {
            List<Side> held = callees.get(key);
            if (held != null) {
                found.addAll(held);
                staged.takenCallees.add(key);
            }
        }
        return found;
    }

    private Side entry(Staged staged, Key key) {
        Side side = staged.newEntries.get(key);
        return side != null ? side : entries.get(key);
    }

    /**
     * A callee met its caller. With a client span the call has the client's timing and fails when either side
     * did; without one, the callee's timing and status (the caller's own request may fail for other reasons).
     * Same-service pairs are not calls between services; the callee is used up all the same.
     */
    private static void emit(Staged staged, Side caller, Side callee, boolean clientSide) {
        staged.pairs++;
        if (caller.serviceId() == callee.serviceId()) {
            return;
        }
        staged.calls.add(clientSide
                ? new Call(caller.serviceId(), callee.serviceId(), caller.startNanos(), caller.durationNanos(),
                        caller.error() || callee.error())
                : new Call(caller.serviceId(), callee.serviceId(), callee.startNanos(), callee.durationNanos(), callee.error()));
    }

    /** Applies a stage whose calls were stored, then lets spans held longer than the wait go. */
    public void commit(Staged staged) {
        for (Key key : staged.takenClients) {
            if (clients.remove(key) != null) {
                sides--;
            }
        }
        for (Key key : staged.takenCallees) {
            List<Side> removed = callees.remove(key);
            if (removed != null) {
                sides -= removed.size();
            }
        }
        clients.putAll(staged.newClients);
        sides += staged.newClients.size();
        staged.newCallees.forEach((key, added) -> {
            callees.computeIfAbsent(key, k -> new ArrayList<>(1)).addAll(added);
            sides += added.size();
        });
        entries.putAll(staged.newEntries);
        paired.addAndGet(staged.pairs);
        capped.addAndGet(staged.capped);
        long cutoff = staged.nowNanos - maxWaitNanos;
        for (Iterator<Side> oldest = clients.values().iterator(); oldest.hasNext(); ) {
            if (oldest.next().arrivedNanos() >= cutoff) {
                break;
            }
            oldest.remove();
            sides--;
            expired.incrementAndGet();
        }
        for (Iterator<List<Side>> oldest = callees.values().iterator(); oldest.hasNext(); ) {
            List<Side> sides = oldest.next();
            if (sides.getFirst().arrivedNanos() >= cutoff) {
                break;
            }
            oldest.remove();
            this.sides -= sides.size();
            expired.addAndGet(sides.size());
        }
        for (Iterator<Side> oldest = entries.values().iterator(); oldest.hasNext(); ) {
            if (oldest.next().arrivedNanos() >= cutoff && entries.size() <= maxEntries) {
                break;
            }
            oldest.remove(); // a possible parent nobody named, or the oldest of too many: not a failure to pair
        }
        // too many waiting sides: the oldest go first (most likely never to be answered), so the wait shrinks
        // under a flood of unanswered client spans instead of refusing the sides of new calls
        while (sides > maxEntries) {
            Map.Entry<Key, Side> client = clients.isEmpty() ? null : clients.firstEntry();
            Map.Entry<Key, List<Side>> callee = callees.isEmpty() ? null : callees.firstEntry();
            if (callee == null || client != null
                    && client.getValue().arrivedNanos() <= callee.getValue().getFirst().arrivedNanos()) {
                clients.pollFirstEntry();
                sides--;
                dropped.incrementAndGet();
            } else {
                callees.pollFirstEntry();
                sides -= callee.getValue().size();
                dropped.addAndGet(callee.getValue().size());
            }
        }
        waiting = sides + entries.size();
    }

    public Stats stats() {
        return new Stats(waiting, paired.get(), expired.get(), dropped.get(), capped.get());
    }
}
