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
 * Pairs the two sides of calls between services as their spans arrive, for the service map: the caller's
 * CLIENT/PRODUCER span and the callee's SERVER/CONSUMER span whose parent it is (OpenTelemetry Collector's
 * and Tempo's servicegraph approach). The two sides usually arrive in different batches and from different
 * exporters: a batch span processor exports a span when it ends, so the callee's side tends to come first.
 * Each side waits here for the other, keyed by (trace id, the client span's id), for at most {@code maxWait}
 * of arrival time and among at most {@code maxEntries} waiting sides; a side that finds its partner yields a
 * {@link Call} (none when both sides are of the same service). A side that waited too long is dropped and
 * counted as expired; a side that finds the store full is not kept and is counted as dropped.
 *
 * <p>Transactional with the writer's batch: {@link #stage} pairs a batch against the waiting sides without
 * changing them, the writer stores the calls in the batch's transaction, and {@link #commit} applies the
 * stage only after that transaction committed. A failed batch, retried or not, therefore pairs as if it had
 * never been seen. Not thread-safe for stage/commit (the writer holds its lock); {@link #stats} may be read
 * from any thread.
 *
 * <p>What it does not see (documented limits): a call whose sides arrive more than {@code maxWait} apart; a
 * callee whose parent is not a CLIENT/PRODUCER span (an uninstrumented client library); a CLIENT span to an
 * uninstrumented server (no virtual nodes from {@code peer.service}); waiting sides lost with the process
 * (a restart forgets them, so calls in flight across a crash or restart may be missing from the map).
 */
public final class CallPairing {

    /** One call from {@code sourceServiceId} to {@code targetServiceId}; its duration is the client side's. */
    public record Call(int sourceServiceId, int targetServiceId, long startNanos, long durationNanos, boolean error) {
    }

    /**
     * Counters since start: {@code waiting} sides now, {@code paired} sides that met (calls, and same-service
     * pairs), {@code expired} sides that waited longer than the wait, {@code dropped} sides not kept because the
     * store was full, {@code capped} calls not stored because their minute had too many edges.
     */
    public record Stats(long waiting, long paired, long expired, long dropped, long capped) {
    }

    /** The waiting side of a call: the span's service and timing, and when it arrived. */
    private record Side(int serviceId, long startNanos, long durationNanos, boolean error, long arrivedNanos) {
    }

    /** (trace id, span id of the client side). */
    private record Key(long traceHi, long traceLo, long clientSpanId) {
    }

    /** The effect of one batch: calls to store now, and the changes to apply once they are stored. */
    public static final class Staged {
        private final List<Call> calls = new ArrayList<>();
        private final Set<Key> pairedClients = new HashSet<>();
        private final Set<Key> pairedServers = new HashSet<>();
        private final Map<Key, Side> newClients = new LinkedHashMap<>();
        private final Map<Key, Side> newServers = new LinkedHashMap<>();
        private long dropped;
        private long pairs;
        private long capped;
        private final long nowNanos;

        private Staged(long nowNanos) {
            this.nowNanos = nowNanos;
        }

        /** Calls the writer could not store (the cap of edges per minute): counted at commit. */
        public void capped(long calls) {
            capped += calls;
        }

        /** The calls the batch completed, in arrival order. */
        public List<Call> calls() {
            return calls;
        }
    }

    private final long maxWaitNanos;
    private final int maxEntries;
    // arrival order: the oldest waiting side is first, so expiry reads only the heads
    private final LinkedHashMap<Key, Side> clients = new LinkedHashMap<>();
    private final LinkedHashMap<Key, Side> servers = new LinkedHashMap<>();
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
     * Pairs the batch's spans with each other and with the waiting sides, without changing them.
     *
     * @param serviceIds the service id of each span, in the same order
     * @param nowNanos   arrival time (the writer's clock), for expiry
     */
    public Staged stage(List<Span> spans, int[] serviceIds, long nowNanos) {
        Staged staged = new Staged(nowNanos);
        int size = waiting;
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            SpanKind kind = span.kind();
            boolean client = kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
            boolean server = (kind == SpanKind.SERVER || kind == SpanKind.CONSUMER) && span.parentSpanId().isValid();
            if (!client && !server) {
                continue;
            }
            Side side = new Side(serviceIds[i], span.startNanos(), span.durationNanos(), span.status().isError(), nowNanos);
            Key key = new Key(span.traceId().hi(), span.traceId().lo(),
                    client ? span.spanId().value() : span.parentSpanId().value());
            if (client) {
                Side partner = take(staged.newServers, servers, staged.pairedServers, key);
                if (partner != null) {
                    emit(staged, side, partner);
                    size--;
                } else if (!staged.newClients.containsKey(key) && !clients.containsKey(key)) {
                    size = keep(staged, staged.newClients, key, side, size);
                }
            } else {
                Side partner = take(staged.newClients, clients, staged.pairedClients, key);
                if (partner != null) {
                    emit(staged, partner, side);
                    size--;
                } else if (!staged.newServers.containsKey(key) && !servers.containsKey(key)) {
                    size = keep(staged, staged.newServers, key, side, size);
                }
            }
        }
        return staged;
    }

    /** The waiting side under {@code key}, from this batch or from before it, marked as paired; or null. */
    private static Side take(Map<Key, Side> staged, Map<Key, Side> stored, Set<Key> paired, Key key) {
        Side side = staged.remove(key);
        if (side != null) {
            return side;
        }
        if (paired.contains(key)) {
            return null;
        }
        side = stored.get(key);
        if (side != null) {
            paired.add(key);
        }
        return side;
    }

    private int keep(Staged staged, Map<Key, Side> target, Key key, Side side, int size) {
        if (size >= maxEntries) {
            staged.dropped++;
            return size;
        }
        target.put(key, side);
        return size + 1;
    }

    /** Same-service pairs are not calls between services; the pair is consumed all the same. */
    private static void emit(Staged staged, Side client, Side server) {
        staged.pairs++;
        if (client.serviceId() == server.serviceId()) {
            return;
        }
        staged.calls.add(new Call(client.serviceId(), server.serviceId(), client.startNanos(), client.durationNanos(),
                client.error() || server.error()));
    }

    /** Applies a stage whose calls were stored, then lets sides older than the wait expire. */
    public void commit(Staged staged) {
        staged.pairedClients.forEach(clients::remove);
        staged.pairedServers.forEach(servers::remove);
        clients.putAll(staged.newClients);
        servers.putAll(staged.newServers);
        paired.addAndGet(staged.pairs);
        dropped.addAndGet(staged.dropped);
        capped.addAndGet(staged.capped);
        expire(clients, staged.nowNanos);
        expire(servers, staged.nowNanos);
        waiting = clients.size() + servers.size();
    }

    private void expire(LinkedHashMap<Key, Side> sides, long nowNanos) {
        Iterator<Side> oldest = sides.values().iterator();
        while (oldest.hasNext()) {
            Side side = oldest.next();
            if (nowNanos - side.arrivedNanos() <= maxWaitNanos) {
                return;
            }
            oldest.remove();
            expired.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(waiting, paired.get(), expired.get(), dropped.get(), capped.get());
    }
}
