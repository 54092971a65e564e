package dev.meridian.storage.jdbc;

import static dev.meridian.testing.Telemetry.MS;
import static dev.meridian.testing.Telemetry.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.telemetry.Span;
import dev.meridian.telemetry.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPairingTest {

    private static final Map<String, Integer> IDS = Map.of("frontend", 1, "cart", 2, "db", 3);
    private static final long SECOND = 1_000_000_000L;

    private final CallPairing pairing = new CallPairing(Duration.ofSeconds(30), 100);

    private static Span client(String service, long trace, long id, long parent, double ms) {
        return span(service, "call").trace(trace, trace).id(id).parent(parent).kind(SpanKind.CLIENT).startMs(0).durationMs(ms).build();
    }

    private static Span server(String service, long trace, long id, long parent, double ms) {
        return span(service, "handle").trace(trace, trace).id(id).parent(parent).kind(SpanKind.SERVER).startMs(1).durationMs(ms).build();
    }

    /** Stages and commits one batch arriving at {@code nowNanos}; returns its calls. */
    private List<CallPairing.Call> arrive(long nowNanos, Span... spans) {
        int[] ids = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            ids[i] = IDS.get(spans[i].serviceName());
        }
        CallPairing.Staged staged = pairing.stage(List.of(spans), ids, nowNanos);
        List<CallPairing.Call> calls = new ArrayList<>(staged.calls());
        pairing.commit(staged);
        return calls;
    }

    @Test
    void stage_pairsServerArrivingBeforeItsClient_withTheClientDuration() {
        assertThat(arrive(0, server("cart", 7, 2, 1, 80))).isEmpty();
        assertThat(pairing.stats().waiting()).isEqualTo(2); // as a callee, and as a possible parent

        List<CallPairing.Call> calls = arrive(5 * SECOND, client("frontend", 7, 1, 0, 95));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.sourceServiceId()).isEqualTo(1);
            assertThat(call.targetServiceId()).isEqualTo(2);
            assertThat(call.durationNanos()).isEqualTo(95 * MS);
            assertThat(call.error()).isFalse();
        });
        assertThat(pairing.stats().waiting()).isEqualTo(2); // the server as a possible parent; the client, for other callees
        assertThat(pairing.stats().paired()).isEqualTo(1);
    }

    @Test
    void stage_pairsClientArrivingFirst_andSidesInOneBatch_andAFailedServerFailsTheCall() {
        arrive(0, client("frontend", 1, 10, 0, 50));
        Span failing = span("cart", "handle").trace(1, 1).id(11).parent(10).kind(SpanKind.SERVER).startMs(1)
                .durationMs(40).error("boom").build();
        List<CallPairing.Call> first = arrive(SECOND, failing);
        List<CallPairing.Call> sameBatch = arrive(2 * SECOND, server("db", 2, 21, 20, 5), client("cart", 2, 20, 11, 7));

        assertThat(first).singleElement().satisfies(call -> assertThat(call.error()).isTrue());
        assertThat(sameBatch).singleElement().satisfies(call -> {
            assertThat(call.sourceServiceId()).isEqualTo(2);
            assertThat(call.targetServiceId()).isEqualTo(3);
        });
        assertThat(pairing.stats().waiting()).isEqualTo(4); // the two SERVER spans as possible parents, the two clients
    }

    @Test
    void stage_sameServicePairsAreNotCalls_andTheClientStillPairsOtherCallees() {
        assertThat(arrive(0, client("cart", 3, 1, 0, 10), server("cart", 3, 2, 1, 9))).isEmpty();

        assertThat(pairing.stats().paired()).isEqualTo(1);
        assertThat(arrive(SECOND, server("db", 3, 5, 1, 9))).singleElement()
                .satisfies(call -> assertThat(call.targetServiceId()).isEqualTo(3));
    }

    @Test
    void stage_producerFirst_thenTwoConsumers_twoCalls_asWhenTheConsumersComeFirst() {
        Span producer = span("frontend", "publish").trace(13, 13).id(1).kind(SpanKind.PRODUCER).startMs(0).durationMs(4).build();
        Span toCart = span("cart", "consume").trace(13, 13).id(2).parent(1).kind(SpanKind.CONSUMER).startMs(5).durationMs(9).build();
        Span toDb = span("db", "consume").trace(13, 13).id(3).parent(1).kind(SpanKind.CONSUMER).startMs(5).durationMs(9).build();

        List<CallPairing.Call> calls = new ArrayList<>(arrive(0, producer));
        calls.addAll(arrive(SECOND, toCart));
        calls.addAll(arrive(2 * SECOND, toDb));
        arrive(40 * SECOND); // past the wait: the producer goes, not as a failure to pair

        assertThat(calls).extracting(CallPairing.Call::targetServiceId).containsExactly(2, 3);
        assertThat(calls).allSatisfy(call -> assertThat(call.durationNanos()).isEqualTo(4 * MS));
        assertThat(pairing.stats().expired()).isZero();
        assertThat(pairing.stats().waiting()).isZero();
    }

    @Test
    void commit_expiresEachWaitingSiblingByItsOwnArrival() {
        arrive(0, server("cart", 14, 2, 1, 10));
        arrive(20 * SECOND, server("db", 14, 3, 1, 10)); // a sibling of the first, under the same parent
        arrive(31 * SECOND); // the first expires; the sibling has waited 11 s only

        assertThat(pairing.stats().expired()).isEqualTo(1);
        assertThat(arrive(32 * SECOND, client("frontend", 14, 1, 0, 12))).singleElement()
                .satisfies(call -> assertThat(call.targetServiceId()).isEqualTo(3));
    }

    @Test
    void commit_expiresSidesOlderThanTheWait_soALateClientFindsNothing() {
        arrive(0, server("cart", 4, 2, 1, 10));
        arrive(31 * SECOND, server("db", 5, 2, 1, 10)); // any later batch lets the first side expire

        assertThat(pairing.stats().expired()).isEqualTo(1); // the callee side; its possible-parent entry goes silently
        assertThat(arrive(32 * SECOND, client("frontend", 4, 1, 0, 12))).isEmpty();
        assertThat(pairing.stats().waiting()).isEqualTo(3); // the db span (callee and possible parent), the late client
    }

    @Test
    void commit_keepsAtMostMaxEntriesWaiting_lettingTheOldestGoFirst() {
        CallPairing small = new CallPairing(Duration.ofSeconds(30), 2);
        small.commit(small.stage(List.of(server("cart", 1, 2, 1, 1)), new int[] {2}, 0));
        small.commit(small.stage(List.of(server("cart", 2, 2, 1, 1), server("cart", 3, 2, 1, 1)), new int[] {2, 2}, SECOND));

        assertThat(small.stats().dropped()).isEqualTo(1);
        // the oldest side (trace 1) is gone, the newer ones still pair
        CallPairing.Staged clients = small.stage(List.of(client("frontend", 1, 1, 0, 5), client("frontend", 3, 1, 0, 5)),
                new int[] {1, 1}, 2 * SECOND);
        assertThat(clients.calls()).singleElement().satisfies(call -> assertThat(call.targetServiceId()).isEqualTo(2));
        small.commit(clients);
        assertThat(small.stats().waiting()).isEqualTo(2 + 2); // two of: a side of trace 2, the clients; two entries
    }

    @Test
    void stage_withoutCommit_changesNothing_soARetriedBatchPairsOnce() {
        arrive(0, server("cart", 6, 2, 1, 10));

        CallPairing.Staged failed = pairing.stage(List.of(client("frontend", 6, 1, 0, 12)), new int[] {1}, SECOND);
        assertThat(failed.calls()).hasSize(1); // the transaction that would store it rolls back: not committed

        assertThat(arrive(2 * SECOND, client("frontend", 6, 1, 0, 12))).hasSize(1);
        assertThat(arrive(3 * SECOND, client("frontend", 6, 1, 0, 12))).isEmpty(); // a duplicate after the pair waits alone
        assertThat(pairing.stats().paired()).isEqualTo(1);
    }

    @Test
    void stage_ignoresInternalSpans_andHoldsServerRootsOnlyAsPossibleParents() {
        Span internal = span("cart", "work").trace(8, 8).id(3).parent(2).kind(SpanKind.INTERNAL).startMs(0).durationMs(1).build();
        Span root = span("frontend", "GET /").trace(8, 8).id(1).kind(SpanKind.SERVER).startMs(0).durationMs(1).build();

        assertThat(arrive(0, internal, root)).isEmpty();
        assertThat(pairing.stats().waiting()).isEqualTo(1);
    }

    @Test
    void stage_withoutAClientSpan_pairsTheCalleeWithTheCallersServerSpan_withTheCalleesTiming_andKeepsTheParent() {
        // checkout's handler calls payments and db without client spans (an uninstrumented HTTP client)
        Span payments = span("cart", "POST /charge").trace(9, 9).id(3).parent(2).kind(SpanKind.SERVER).startMs(10)
                .durationMs(25).error("declined").build();
        Span handler = span("frontend", "POST /checkout").trace(9, 9).id(2).parent(1).kind(SpanKind.SERVER).startMs(0)
                .durationMs(60).build();
        assertThat(arrive(0, payments)).isEmpty();
        List<CallPairing.Call> calls = arrive(SECOND, handler);
        List<CallPairing.Call> later = arrive(2 * SECOND, server("db", 9, 4, 2, 7));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.sourceServiceId()).isEqualTo(1);
            assertThat(call.targetServiceId()).isEqualTo(2);
            assertThat(call.durationNanos()).isEqualTo(25 * MS);
            assertThat(call.error()).isTrue();
        });
        assertThat(later).singleElement().satisfies(call -> {
            assertThat(call.targetServiceId()).isEqualTo(3);
            assertThat(call.durationNanos()).isEqualTo(7 * MS);
        });
    }

    @Test
    void stage_aClientSpanWinsOverTheCallersServerSpan() {
        // handler (1) -> client (10) -> callee: one call, with the client's duration, counted once
        Span handler = span("frontend", "GET /").trace(11, 11).id(1).kind(SpanKind.SERVER).startMs(0).durationMs(50).build();
        List<CallPairing.Call> calls = arrive(0, server("cart", 11, 20, 10, 30), handler, client("frontend", 11, 10, 1, 40));

        assertThat(calls).singleElement().satisfies(call -> assertThat(call.durationNanos()).isEqualTo(40 * MS));
        assertThat(pairing.stats().paired()).isEqualTo(1);
    }

    @Test
    void stage_doesNotHoldDatabaseClientSpans() {
        Span query = span("cart", "SELECT cart").trace(12, 12).id(5).parent(1).kind(SpanKind.CLIENT).startMs(0)
                .durationMs(3).attributes("db.system", "postgresql").build();

        assertThat(arrive(0, query)).isEmpty();
        assertThat(pairing.stats().waiting()).isZero();
    }
}
