package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.meridian.ingest.InflightBytes;

/**
 * OTLP/gRPC message bytes are charged to the in-flight byte budget while they arrive, not only once grpc-java
 * has buffered the whole message, and given back when the stream ends. The client speaks HTTP/2 by hand so
 * that it can send part of a message and stop, as a slow or hostile client would.
 */
class OtlpGrpcInboundBudgetTest extends RunningApp {

    private static final int ANNOUNCED = 1_000_000;
    private static final int SENT = 48 * 1024; // below HTTP/2's initial window of 65,535 bytes

    @Autowired
    InflightBytes inflight;

    @Test
    void partialMessage_isChargedWhileItArrives_andReleasedWhenTheStreamEnds() throws Exception {
        long before = inflight.used();
        try (RawHttp2 client = new RawHttp2(endpoints.grpcPort()).handshake()) {
            client.grpcRequestHeaders("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            DataOutputStream prefix = new DataOutputStream(message);
            prefix.writeByte(0); // not compressed
            prefix.writeInt(ANNOUNCED);
            message.write(new byte[SENT]);
            client.data(message.toByteArray());

            assertThat(awaitUsed(used -> used - before >= SENT)).as("bytes of the unfinished message in the budget")
                    .isGreaterThanOrEqualTo(before + SENT);
        }
        assertThat(awaitUsed(used -> used == before)).as("budget after the connection closed").isEqualTo(before);
    }

    private long awaitUsed(LongPredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(inflight.used()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return inflight.used();
    }
}
