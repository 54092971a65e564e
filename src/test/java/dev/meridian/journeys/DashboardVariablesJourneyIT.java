package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.meridian.testing.ShopScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The built-in Service health dashboard in Chromium, on the shop scenario sent with the OpenTelemetry Java SDK:
 * picking a service puts it into the URL and the panels show that service's data (checkout sends memory
 * metrics, frontend does not), and a reload keeps the choice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardVariablesJourneyIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "variables-journey", GRPC_PORT, HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT).send(Instant.now());
        Files.createDirectories(SCREENSHOTS);
        browser = new Browser();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void serviceHealth_pickAService_urlKeepsIt_panelsShowItsData_reloadKeepsIt() {
        Page page = browser.newPage();
        ServiceHealthPage health = ServiceHealthPage.open(page, "http://localhost:" + port, "from=now-1h&to=now");

        health.pickService("frontend");
        assertThat(health.url()).contains("var-service=frontend").contains("from=now-1h");
        assertThat(health.title("memory")).isEqualTo("Memory used of frontend");
        assertThat(health.chartState("memory")).as("frontend sends no memory metric").isEqualTo("empty");
        assertThat(health.chartState("throughput")).isEqualTo("ready");

        health.pickService("checkout");
        assertThat(health.url()).contains("var-service=checkout").doesNotContain("var-service=frontend");
        assertThat(health.title("memory")).isEqualTo("Memory used of checkout");
        assertThat(health.chartState("memory")).as("checkout sends jvm.memory.used").isEqualTo("ready");
        assertThat(health.chartState("p95")).isEqualTo("ready");
        assertThat(health.statValue("p95")).endsWith("ms");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("service-health.png")).setFullPage(true));

        health.reload();
        assertThat(health.url()).contains("var-service=checkout");
        assertThat(health.pickedService()).isEqualTo("checkout");
        assertThat(health.title("memory")).isEqualTo("Memory used of checkout");
        assertThat(health.chartState("memory")).isEqualTo("ready");
        assertThat(browser.dialogs()).isEmpty();
    }
}
