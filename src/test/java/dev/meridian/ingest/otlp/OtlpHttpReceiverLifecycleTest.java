package dev.meridian.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestStats;
import dev.meridian.telemetry.TraceId;

/**
 * The OTLP/HTTP server's own lifecycle, without Spring: it serves again after stop and start (Spring pauses and
 * restarts lifecycle beans of cached test contexts), and a taken port is a clear start failure.
 */
class OtlpHttpReceiverLifecycleTest {

    final RecordingTelemetryWriter stored = new RecordingTelemetryWriter();
    final IngestPipeline pipeline = new IngestPipeline(stored, 100, 100, Duration.ofSeconds(1), new IngestStats());
    OtlpHttpReceiver receiver;

    OtlpHttpReceiver receiver(OtlpProperties properties) {
        OtlpIngest ingest = new OtlpIngest(pipeline, properties.writeTimeout());
        receiver = new OtlpHttpReceiver(properties, ingest, new InflightBytes(properties.maxInflightBytes().toBytes()));
        return receiver;
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop();
        }
        pipeline.stop();
    }

    @Test
    void stopThenStart_servesAgain() throws Exception {
        pipeline.start();
        OtlpHttpReceiver http = receiver(TestProperties.otlp("bind-address", "127.0.0.1", "http-port", "0"));
        http.start();
        assertThat(export(http.port())).isEqualTo(200);

        http.stop();
        assertThat(http.isRunning()).isFalse();
        assertThat(http.port()).isEqualTo(-1);
        http.start();

        assertThat(http.isRunning()).isTrue();
        assertThat(export(http.port())).isEqualTo(200);
    }

    @Test
    void start_onATakenPort_failsNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            OtlpHttpReceiver http = receiver(TestProperties.otlp("bind-address", "127.0.0.1",
                    "http-port", Integer.toString(taken.getLocalPort())));

            assertThatThrownBy(http::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("meridian.otlp.http-port");
            assertThat(http.isRunning()).isFalse();
        }
    }

    private int export(int port) throws Exception {
        TraceId traceId = OtlpRequests.randomTraceId();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.spans(traceId, 1).toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.spansOf(traceId)).hasSize(response.statusCode() == 200 ? 1 : 0);
        return response.statusCode();
    }
}
