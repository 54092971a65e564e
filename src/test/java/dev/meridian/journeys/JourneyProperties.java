package dev.meridian.journeys;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every journey gives its application: a data directory and OTLP ports of its own. Own values also keep
 * Spring from handing two journeys one cached context (and so one another's telemetry).
 */
final class JourneyProperties {

    private JourneyProperties() {
    }

    static void ownDataAndPorts(DynamicPropertyRegistry registry, String name, int grpcPort, int httpPort)
            throws IOException {
        String dataDir = Files.createTempDirectory("meridian-" + name).toString();
        registry.add("meridian.data-dir", () -> dataDir);
        registry.add("meridian.otlp.grpc-port", () -> grpcPort);
        registry.add("meridian.otlp.http-port", () -> httpPort);
    }
}
