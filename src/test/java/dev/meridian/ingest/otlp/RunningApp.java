package dev.meridian.ingest.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application — real H2 storage in a temporary directory, the query API — on free ports (OTLP gRPC,
 * OTLP HTTP, web). Tests send with real clients and read back through {@link QueryApi}, as a user would.
 * Test classes extending this share one running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "meridian.otlp.grpc-port=0",
        "meridian.otlp.http-port=0",
        "meridian.otlp.bind-address=127.0.0.1",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
})
abstract class RunningApp {

    static final Path DATA_DIR = createDataDir();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    OtlpEndpoints endpoints;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("meridian.data-dir", DATA_DIR::toString);
    }

    QueryApi api() {
        return new QueryApi(webPort);
    }

    String otlpHttp(String path) {
        return "http://127.0.0.1:" + endpoints.httpPort() + path;
    }

    String otlpGrpc() {
        return "http://127.0.0.1:" + endpoints.grpcPort();
    }

    private static Path createDataDir() {
        try {
            Path dir = Files.createTempDirectory("meridian-ingest-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
