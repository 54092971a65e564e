package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.meridian.ingest.InflightBytes;

/**
 * OTLP/gRPC message bytes are charged to the in-flight byte budget while they arrive, not only once grpc-java
 * has buffered the whole message, and given back when the stream ends. The client here speaks HTTP/2 by hand
 * so that it can send part of a message and stop, as a slow or hostile client would.
 */
class OtlpGrpcInboundBudgetTest extends RunningApp {

    private static final String EXPORT_TRACES = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private static final int ANNOUNCED = 1_000_000;
    private static final int SENT = 48 * 1024; // below HTTP/2's initial window of 65,535 bytes

    @Autowired
    InflightBytes inflight;

    @Test
    void partialMessage_isChargedWhileItArrives_andReleasedWhenTheStreamEnds() throws Exception {
        long before = inflight.used();
        try (Socket socket = new Socket("127.0.0.1", endpoints.grpcPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, 0x4, 0, 0, new byte[0]); // SETTINGS
            frame(out, 0x1, 0x4, 1, requestHeaders()); // HEADERS, END_HEADERS
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            DataOutputStream prefix = new DataOutputStream(message);
            prefix.writeByte(0); // not compressed
            prefix.writeInt(ANNOUNCED);
            message.write(new byte[SENT]);
            byte[] data = message.toByteArray();
            for (int offset = 0; offset < data.length; offset += 16 * 1024) {
                int length = Math.min(16 * 1024, data.length - offset);
                byte[] chunk = new byte[length];
                System.arraycopy(data, offset, chunk, 0, length);
                frame(out, 0x0, 0, 1, chunk); // DATA, the stream stays open
            }
            out.flush();

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

    /** HPACK without Huffman coding or the dynamic table: static-table entries and literals. */
    private static byte[] requestHeaders() throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST
        block.write(0x86); // :scheme http
        literal(block, 0x04, null, EXPORT_TRACES); // :path
        literal(block, 0x01, null, "localhost"); // :authority
        literal(block, 0x00, "content-type", "application/grpc");
        literal(block, 0x00, "te", "trailers");
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String name, String value) throws IOException {
        block.write(nameIndex); // literal without indexing
        if (name != null) {
            string(block, name);
        }
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        block.write(bytes.length); // every string here is shorter than 127 bytes
        block.write(bytes);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        DataOutputStream frame = new DataOutputStream(out);
        frame.writeByte(payload.length >>> 16);
        frame.writeShort(payload.length & 0xffff);
        frame.writeByte(type);
        frame.writeByte(flags);
        frame.writeInt(stream);
        frame.write(payload);
    }
}
