package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.meridian.telemetry.TraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * Fuzzes the OTLP decoders with random mutations of valid requests (the fixtures, in JSON and protobuf, and
 * fresh requests): through the decoders in-process by the thousand, and a few hundred through the real HTTP
 * receiver into storage. Never an error other than "this request is malformed" (400), never a 5xx, never more
 * than a second for one request, and valid data sent after them is stored intact.
 *
 * <p>Seeded: the seed is printed, and {@code -Dmeridian.fuzz.seed=N} replays a run's mutations (the requests' times
 * follow the clock, so that they pass the age and skew rules); {@code meridian.fuzz.decoder-cases}
 * and {@code meridian.fuzz.socket-cases} change how many cases run.
 */
class OtlpFuzzTest extends RunningApp {

    static final long SEED = Long.getLong("meridian.fuzz.seed", new Random().nextLong());
    static final int DECODER_CASES = Integer.getInteger("meridian.fuzz.decoder-cases", 4_000);
    static final int SOCKET_CASES = Integer.getInteger("meridian.fuzz.socket-cases", 300);
    /** A request that takes longer is tried again once; only when it is slow again is it a failure. */
    static final long SLOW_NANOS = 1_000_000_000L;

    record Seed(String name, OtlpSignal signal, boolean json, byte[] body) {
    }

    static List<Seed> seeds;

    @BeforeAll
    static void seeds() throws Exception {
        System.out.println("OtlpFuzzTest seed=" + SEED + " (replay with -Dmeridian.fuzz.seed=" + SEED + ")");
        seeds = new ArrayList<>();
        Map<String, OtlpSignal> fixtures = Map.of("traces-checkout.json", OtlpSignal.TRACES, "traces-invalid-ids.json",
                OtlpSignal.TRACES, "logs-every-body-type.json", OtlpSignal.LOGS, "metrics-all-types.json", OtlpSignal.METRICS);
        for (var fixture : new TreeMap<>(fixtures).entrySet()) {
            // own service names: what the fuzz stores never mixes with what other tests of this application count;
            // times moved from December 2018 to now (same digits after the second), so that items pass the age rule
            String json = new String(OtlpJsonFixturesTest.fixture(fixture.getKey()), StandardCharsets.UTF_8)
                    .replaceAll("(\"service.name\", \"value\": \\{\"stringValue\": \")", "$1fuzz-")
                    .replace("154471266", String.valueOf(System.currentTimeMillis() * 1_000_000L).substring(0, 9));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            seeds.add(new Seed(fixture.getKey(), fixture.getValue(), true, body));
            seeds.add(new Seed(fixture.getKey() + " as protobuf", fixture.getValue(), false,
                    fixture.getValue().decodeJson(body).protobuf()));
        }
        // ids from the seed, so a replay mutates the same bytes (only the times follow the clock)
        Random ids = new Random(SEED);
        seeds.add(new Seed("fresh spans", OtlpSignal.TRACES, false,
                OtlpRequests.spans(new TraceId(ids.nextLong() | 1, ids.nextLong()), 5).toByteArray()));
        seeds.add(new Seed("fresh logs", OtlpSignal.LOGS, false,
                OtlpRequests.logs(new TraceId(ids.nextLong() | 1, ids.nextLong()), "a", "b", "c").toByteArray()));
        seeds.add(new Seed("log body nested 90 deep", OtlpSignal.LOGS, false, deepBody(90).toByteArray()));
        seeds.add(new Seed("log body nested 300 deep", OtlpSignal.LOGS, false, deepBody(300).toByteArray()));
    }

    private static ExportLogsServiceRequest deepBody(int depth) {
        AnyValue value = AnyValue.newBuilder().setStringValue("bottom").build();
        for (int i = 0; i < depth; i++) {
            value = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(OtlpRequests.resource("fuzz-deep")).addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(System.currentTimeMillis() * 1_000_000L).setBody(value))))
                .build();
    }

    /** One mutated request, and how to say which it was. */
    record Case(int number, Seed seed, List<String> mutations, byte[] body) {

        static Case next(int number, Random random) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            List<String> mutations = new ArrayList<>();
            byte[] body = OtlpMutations.mutate(seed.body(), seed.json(), random, mutations);
            return new Case(number, seed, mutations, body);
        }

        @Override
        public String toString() {
            String base64 = Base64.getEncoder().encodeToString(body);
            return "case " + number + " of seed " + SEED + ": " + seed.name() + " with " + mutations + ", body (base64, "
                    + body.length + " bytes): " + (base64.length() > 2_000 ? base64.substring(0, 2_000) + "…" : base64);
        }
    }

    @Test
    void decoders_mutatedRequests_decodeOrAreRefusedAsMalformed_eachWithinASecond() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < DECODER_CASES; i++) {
            Case fuzz = Case.next(i, random);
            long nanos = decode(fuzz, outcomes);
            if (nanos > SLOW_NANOS) {
                nanos = decode(fuzz, new TreeMap<>()); // a pause of this busy machine, or the input?
                assertThat(nanos).as("decoding took %d ms twice: %s", nanos / 1_000_000, fuzz).isLessThanOrEqualTo(SLOW_NANOS);
            }
            slowest = Math.max(slowest, nanos);
        }
        System.out.println("OtlpFuzzTest decoders: " + DECODER_CASES + " cases " + outcomes + ", slowest " + slowest / 1_000_000 + " ms");
        assertThat(outcomes).containsKeys("decoded", "refused");
    }

    private static long decode(Case fuzz, Map<String, Integer> outcomes) {
        long start = System.nanoTime();
        try {
            Decoded decoded = fuzz.seed().json() ? fuzz.seed().signal().decodeJson(fuzz.body())
                    : fuzz.seed().signal().decodeProtobuf(fuzz.body());
            // what the write-ahead log keeps must decode again (replay) to the same number of items
            Decoded replayed = fuzz.seed().signal().decodeProtobuf(decoded.protobuf(), OtlpLimits.DEFAULTS.forReplay());
            assertThat(replayed.batch().size()).as("replay of %s", fuzz).isEqualTo(decoded.batch().size());
            outcomes.merge("decoded", 1, Integer::sum);
        } catch (OtlpDecodingException malformed) {
            outcomes.merge("refused", 1, Integer::sum);
        } catch (RuntimeException | StackOverflowError unexpected) {
            throw new AssertionError("unexpected " + unexpected + " for " + fuzz, unexpected);
        }
        return System.nanoTime() - start;
    }

    @Test
    void httpReceiver_mutatedRequests_neverAnswer5xx_andDataSentAfterwardsIsIntact() throws Exception {
        TraceId before = sendValidTrace();
        Random random = new Random(SEED ^ 0x5DEECE66DL);
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < SOCKET_CASES; i++) {
            Case fuzz = Case.next(i, random);
            long start = System.nanoTime();
            int status = post(fuzz);
            long nanos = System.nanoTime() - start;
            if (nanos > SLOW_NANOS) {
                start = System.nanoTime();
                status = post(fuzz);
                nanos = System.nanoTime() - start;
                assertThat(nanos).as("the request took %d ms twice: %s", nanos / 1_000_000, fuzz).isLessThanOrEqualTo(SLOW_NANOS);
            }
            statuses.merge(status, 1, Integer::sum);
            slowest = Math.max(slowest, nanos);
        }
        System.out.println("OtlpFuzzTest HTTP: " + SOCKET_CASES + " cases, statuses " + statuses + ", slowest "
                + slowest / 1_000_000 + " ms");

        TraceId after = sendValidTrace();
        assertThat(api().spans(before)).hasSize(3);
        assertThat(api().spans(after)).hasSize(3);
        TraceId logs = OtlpRequests.randomTraceId();
        assertThat(post(OtlpSignal.LOGS, "application/x-protobuf", OtlpRequests.logs(logs, "x", "y").toByteArray()).statusCode())
                .isEqualTo(200);
        assertThat(api().logs(logs)).hasSize(2);
        // everything acknowledged was stored: validation let nothing through that the database refuses
        assertThat(api().stats().path("droppedItems").asLong()).isZero();
    }

    private int post(Case fuzz) {
        HttpResponse<byte[]> response = post(fuzz.seed().signal(), fuzz.seed().json() ? "application/json" : "application/x-protobuf",
                fuzz.body());
        assertThat(response.statusCode()).as(() -> "status " + response.statusCode() + " ("
                + new String(response.body(), StandardCharsets.UTF_8) + ") for " + fuzz).isLessThan(500);
        return response.statusCode();
    }

    private HttpResponse<byte[]> post(OtlpSignal signal, String contentType, byte[] body) {
        // the timeout ends a hang; the one-second promise is checked by the caller
        HttpRequest request = HttpRequest.newBuilder(URI.create(otlpHttp(signal.httpPath()))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return OtlpHttpReceiverTest.send(request);
    }

    private TraceId sendValidTrace() {
        TraceId traceId = OtlpRequests.randomTraceId();
        assertThat(post(OtlpSignal.TRACES, "application/x-protobuf", OtlpRequests.spans(traceId, 3).toByteArray()).statusCode())
                .isEqualTo(200);
        assertThat(api().spans(traceId)).hasSize(3);
        return traceId;
    }
}
