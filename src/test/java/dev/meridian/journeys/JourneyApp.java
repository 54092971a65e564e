package dev.meridian.journeys;

import dev.meridian.testing.ShopScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every journey shares: the running app (the subclass's {@code @SpringBootTest}) on its own data directory and
 * free OTLP ports, the shop scenario sent to them with the OpenTelemetry SDK, and one Chromium for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JourneyApp {

    static final int GRPC_PORT = Ports.free();
    static final int HTTP_PORT = Ports.free();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    Browser browser;
    ShopScenario.Sent sent;

    @DynamicPropertySource
    static void journeyProperties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("meridian-journey");
        registry.add("meridian.data-dir", dataDir::toString);
        registry.add("meridian.otlp.grpc-port", () -> GRPC_PORT);
        registry.add("meridian.otlp.http-port", () -> HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        sent = new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT).send(Instant.now());
        Files.createDirectories(SCREENSHOTS);
        browser = new Browser();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
