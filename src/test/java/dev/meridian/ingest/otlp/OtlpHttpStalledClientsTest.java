package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.meridian.ingest.InflightBytes;
import dev.meridian.telemetry.TraceId;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Issue 7: 300 connections that announce a 64 MB body, send a few bytes and stall must neither starve a valid
 * export from another client nor stay open: the server reserves memory only for bytes that arrived and closes
 * a connection that sends nothing for {@code http-read-timeout} (2 s here). The stalled clients carry the
 * bearer token: an unauthenticated request is answered before its body is read.
 */
class OtlpHttpStalledClientsTest extends GuardedReceiversApp {

    static {
        SdkSenders.preferJdkHttpSender();
    }

    private static final int STALLED_BODIES = 300;
    private static final int STALLED_HEADERS = 20;

    @Autowired
    InflightBytes inflight;

    @Test
    void stalledClients_doNotStarveAnSdkExport_andAreDisconnectedAfterTheReadTimeout() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_BODIES; i++) {
                stalled.add(stall("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-protobuf\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\n"
                        + "Content-Length: 67108864\r\n\r\n\n\u0010abcd"));
            }
            for (int i = 0; i < STALLED_HEADERS; i++) {
                stalled.add(stall("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: applic"));
            }

            TraceId traceId = exportOneSpanWithTheSdk();

            assertThat(api().spans(traceId)).singleElement()
                    .satisfies(span -> assertThat(span.path("name").asString()).isEqualTo("after-the-stall"));
            assertThat(inflight.used()).as("bytes reserved for %d stalled bodies", STALLED_BODIES)
                    .isLessThan(STALLED_BODIES * 64L * 1024);
            for (Socket socket : stalled) {
                assertThat(closedByServer(socket)).as("the server closed a stalled connection").isTrue();
            }
            assertThat(inflight.used()).isZero();
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private TraceId exportOneSpanWithTheSdk() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(otlpHttp("/v1/traces"))
                .addHeader("Authorization", "Bearer " + TOKEN).setTimeout(Duration.ofSeconds(20)).build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder().put("service.name", "stalled-clients-test").build()))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        try {
            var span = provider.get("dev.meridian.test").spanBuilder("after-the-stall").startSpan();
            span.end();
            CompletableResultCode flushed = provider.forceFlush().join(30, TimeUnit.SECONDS);
            assertThat(flushed.isSuccess()).as("the SDK export succeeded").isTrue();
            return TraceId.fromHex(span.getSpanContext().getTraceId());
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private Socket stall(String prefix) throws IOException {
        Socket socket = new Socket("127.0.0.1", endpoints.httpPort());
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(prefix.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** Reads until the server closes the connection (an answer before that is fine); false if it stays open 30 s. */
    private static boolean closedByServer(Socket socket) {
        byte[] sink = new byte[1024];
        try {
            InputStream in = socket.getInputStream();
            while (in.read(sink) >= 0) {
                // an error answer may come first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
