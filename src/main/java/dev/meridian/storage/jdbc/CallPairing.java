package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import java.util.ArrayList;
import java.util.HashMap;
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
 * (trace id, the parent's span id), for at most {@code maxWait} of its own arrival time; a callee that finds its
 * caller yields a {@link Call} (none when both are of the same service) and is used up. A CLIENT/PRODUCER span is
 * not used up: it stays for its whole wait, since a producer's message may have several consumers, so a fan-out
 * counts every consumer whichever side arrived first. A side that waited too long is let go, counted as expired
 * unless it met a callee. At most {@code maxEntries} sides wait: beyond that the oldest go first, counted as dropped,
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

    /** A held span: its service and timing, when it arrived, and (for a client span) whether it met a callee. */
    private record Side(int serviceId, long startNanos, long durationNanos, boolean error, long arrivedNanos,
                        boolean paired) {
        Side pairedOnce() {
            return paired ? this : new Side(serviceId, startNanos, durationNanos, error, arrivedNanos, true);
        }
    }

    /** A waiting callee: its parent's key (shared by siblings) and its own span id. */
    private record CalleeKey(Key parent, long spanId) {
    }

    /** (trace id, a span id: the held span's own, or for a waiting callee its parent's). */
    private record Key(long traceHi, long traceLo, long spanId) {
    }

    /** The effect of one batch: calls to store now, and the changes to apply once they are stored. */
    public static final class Staged {
        private final List<Call> calls = new ArrayList<>();
        private final Set<Key> pairedClients = new HashSet<>();
        private final Set<Key> takenCallees = new HashSet<>();
        private final Map<Key, Side> newClients = new LinkedHashMap<>();
        private final Map<CalleeKey, Side> newCallees = new LinkedHashMap<>();
        private final Map<Key, List<CalleeKey>> newCalleesByParent = new HashMap<>();
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
    /**
     * CLIENT/PRODUCER spans waiting for their callees, by their own id: held for the whole wait even after one
     * callee came, as a producer's message may have several consumers (and a client span several callees), so
     * that the calls counted do not depend on which side arrived first.
     */
    private final LinkedHashMap<Key, Side> clients = new LinkedHashMap<>();
    /** SERVER/CONSUMER spans waiting for their parent, each by its own arrival (expired one by one). */
    private final LinkedHashMap<CalleeKey, Side> callees = new LinkedHashMap<>();
    /** The waiting callees by their parent's id (siblings share it). */
    private final HashMap<Key, List<CalleeKey>> calleesByParent = new HashMap<>();
    /** SERVER/CONSUMER spans as possible parents of uninstrumented calls, by their own id. */
    private final LinkedHashMap<Key, Side> entries = new LinkedHashMap<>();
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
            Side side = new Side(serviceIds[i], span.startNanos(), span.durationNanos(), span.status().isError(), nowNanos,
                    false);
            long traceHi = span.traceId().hi();
            long traceLo = span.traceId().lo();
            Key own = new Key(traceHi, traceLo, span.spanId().value());
            if (client) {
                List<Side> found = takeCallees(staged, own);
                found.forEach(callee -> emit(staged, side, callee, true));
                if (!staged.newClients.containsKey(own) && !clients.containsKey(own)) {
                    staged.newClients.put(own, found.isEmpty() ? side : side.pairedOnce()); // later callees pair too
                }
                continue;
            }
            if (span.parentSpanId().isValid()) {
                Key parent = new Key(traceHi, traceLo, span.parentSpanId().value());
                Side caller = client(staged, parent);
                if (caller != null) {
                    emit(staged, caller, side, true);
                } else if ((caller = entry(staged, parent)) != null) {
                    emit(staged, caller, side, false);
                } else {
                    CalleeKey waiting = new CalleeKey(parent, span.spanId().value());
                    if (staged.newCallees.putIfAbsent(waiting, side) == null) {
                        staged.newCalleesByParent.computeIfAbsent(parent, k -> new ArrayList<>(1)).add(waiting);
                    }
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

    /** The client span {@code key}, if held or staged: not used up by the call, marked as paired. */
    private Side client(Staged staged, Key key) {
        Side side = staged.newClients.get(key);
        if (side != null) {
            staged.newClients.put(key, side.pairedOnce());
            return side;
        }
        side = clients.get(key);
        if (side != null) {
            staged.pairedClients.add(key);
        }
        return side;
    }

    /** The callees waiting for {@code key}, staged or held: each is used up by its call. */
    private List<Side> takeCallees(Staged staged, Key key) {
        List<Side> found = new ArrayList<>(1);
        List<CalleeKey> fresh = staged.newCalleesByParent.remove(key);
        if (fresh != null) {
            fresh.forEach(waiting -> found.add(staged.newCallees.remove(waiting)));
        }
        if (!staged.takenCallees.contains(key)) {
            List<CalleeKey> held = calleesByParent.get(key);
            if (held != null) {
                held.forEach(waiting -> found.add(callees.get(waiting)));
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
        for (Key key : staged.pairedClients) {
            clients.computeIfPresent(key, (k, side) -> side.pairedOnce()); // keeps its place in arrival order
        }
        for (Key key : staged.takenCallees) {
            List<CalleeKey> removed = calleesByParent.remove(key);
            if (removed != null) {
                removed.forEach(callees::remove);
            }
        }
        staged.newClients.forEach(clients::putIfAbsent);
        staged.newCallees.forEach((key, side) -> {
            if (callees.putIfAbsent(key, side) == null) {
                calleesByParent.computeIfAbsent(key.parent(), k -> new ArrayList<>(1)).add(key);
            }
        });
        entries.putAll(staged.newEntries);
        paired.addAndGet(staged.pairs);
        capped.addAndGet(staged.capped);
        long cutoff = staged.nowNanos - maxWaitNanos;
        // each side by its own arrival; a client span that met a callee is let go at the end of its wait quietly
        for (Iterator<Side> oldest = clients.values().iterator(); oldest.hasNext(); ) {
            Side side = oldest.next();
            if (side.arrivedNanos() >= cutoff) {
                break;
            }
            oldest.remove();
            if (!side.paired()) {
                expired.incrementAndGet();
            }
        }
        while (!callees.isEmpty() && callees.firstEntry().getValue().arrivedNanos() < cutoff) {
            removeOldestCallee();
            expired.incrementAndGet();
        }
        for (Iterator<Side> oldest = entries.values().iterator(); oldest.hasNext(); ) {
            if (oldest.next().arrivedNanos() >= cutoff && entries.size() <= maxEntries) {
                break;
            }
            oldest.remove(); // a possible parent nobody named, or the oldest of too many: not a failure to pair
        }
        // too many waiting sides: the oldest go first (most likely never to be answered), so the wait shrinks
        // under a flood of unanswered client spans instead of refusing the sides of new calls
        while (sides() > maxEntries) {
            Map.Entry<Key, Side> client = clients.isEmpty() ? null : clients.firstEntry();
            Map.Entry<CalleeKey, Side> callee = callees.isEmpty() ? null : callees.firstEntry();
            if (callee == null || client != null && client.getValue().arrivedNanos() <= callee.getValue().arrivedNanos()) {
                clients.pollFirstEntry();
                if (!client.getValue().paired()) {
                    dropped.incrementAndGet();
                }
            } else {
                removeOldestCallee();
                dropped.incrementAndGet();
            }
        }
        waiting = sides() + entries.size();
    }

    private void removeOldestCallee() {
        Map.Entry<CalleeKey, Side> oldest = callees.pollFirstEntry();
        List<CalleeKey> siblings = calleesByParent.get(oldest.getKey().parent());
        siblings.remove(oldest.getKey());
        if (siblings.isEmpty()) {
            calleesByParent.remove(oldest.getKey().parent());
        }
    }

    /** Spans waiting for their partner: in {@link #clients} and {@link #callees}. */
    private int sides() {
        return clients.size() + callees.size();
    }

    public Stats stats() {
        return new Stats(waiting, paired.get(), expired.get(), dropped.get(), capped.get());
    }
}
