package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/**
 * The OTLP/gRPC connection limits, seen by a client speaking HTTP/2 by hand: the server announces its limit
 * of concurrent calls, closes a connection that never completes its handshake, and sends GOAWAY to an idle one
 * (limits set short in {@link GuardedReceiversApp}).
 */
class OtlpGrpcConnectionLimitsTest extends GuardedReceiversApp {

    @Test
    void settings_announceTheConcurrentCallLimit() throws Exception {
        try (RawHttp2 client = new RawHttp2(endpoints.grpcPort()).handshake()) {
            RawHttp2.Frame settings = client.read();
            while (settings.type() != RawHttp2.SETTINGS || (settings.flags() & 0x1) != 0) {
                settings = client.read();
            }
            assertThat(setting(settings.payload(), RawHttp2.SETTINGS_MAX_CONCURRENT_STREAMS)).isEqualTo(MAX_CALLS_PER_CONNECTION);
        }
    }

    @Test
    void connectionWithoutHandshake_isClosedAfterTheHandshakeTimeout() throws Exception {
        try (RawHttp2 silent = new RawHttp2(endpoints.grpcPort())) {
            assertThat(silent.closedByServer()).as("closed by the server").isTrue();
        }
    }

    @Test
    void idleConnection_getsGoAway() throws Exception {
        try (RawHttp2 client = new RawHttp2(endpoints.grpcPort()).handshake()) {
            RawHttp2.Frame frame = client.read();
            while (frame.type() != RawHttp2.GOAWAY) {
                if (frame.type() == RawHttp2.SETTINGS && (frame.flags() & 0x1) == 0) {
                    client.frame(RawHttp2.SETTINGS, 0x1, 0, new byte[0]); // acknowledge
                }
                frame = client.read();
            }
            assertThat(frame.type()).isEqualTo(RawHttp2.GOAWAY);
        }
    }

    /** The value of one parameter in a SETTINGS payload, or -1 when absent. */
    private static long setting(byte[] payload, int id) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        while (buffer.remaining() >= 6) {
            int key = buffer.getShort() & 0xffff;
            long value = buffer.getInt() & 0xffffffffL;
            if (key == id) {
                return value;
            }
        }
        return -1;
    }
}
