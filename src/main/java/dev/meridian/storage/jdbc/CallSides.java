package dev.meridian.storage.jdbc;

import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.SpanKind;

/**
 * Which parent/child span pairs are calls between services: the one rule of the service map's pairing at ingest
 * ({@link CallPairing}) and of the trace search's {@code calls} filter, so that an edge's link lists the traces
 * the edge counted. The callee's side is a SERVER/CONSUMER span; its parent, in another service, is the caller's
 * CLIENT/PRODUCER span (not a database client's: databases send no SERVER spans, so those are not held) or, for
 * an uninstrumented client library, the caller's own SERVER/CONSUMER span. INTERNAL spans are neither.
 */
public final class CallSides {

    private CallSides() {
    }

    /** A span of this kind is the callee's side of a call. */
    public static boolean isCallee(SpanKind kind) {
        return kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
    }

    /** A span of this kind is the caller's client side (it gives the call its timing). */
    public static boolean isClient(SpanKind kind) {
        return kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
    }

    /**
     * Whether a parent span of this kind (with these attributes, for client spans) is the caller's side of a call
     * to its SERVER/CONSUMER child.
     */
    public static boolean isCaller(SpanKind kind, Attributes attributes) {
        return isClient(kind) ? !callsADatabase(attributes) : isCallee(kind);
    }

    /** The kind half of {@link #isCaller}: a client or an entry span (a client's attributes still decide). */
    public static boolean mayBeCaller(SpanKind kind) {
        return isClient(kind) || isCallee(kind);
    }

    /** A database client span ({@code db.system}, or {@code db.system.name} of newer conventions). */
    public static boolean callsADatabase(Attributes attributes) {
        return attributes.get("db.system") != null || attributes.get("db.system.name") != null;
    }
}
