package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.meridian.testing.SlowReplicaScenario;
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
 * "Why is it slow" in Chromium, on {@link SlowReplicaScenario} sent with the OpenTelemetry SDK: from the latency
 * spike of the entry service, through its slowest traces, to Compare, which names the downstream database replica
 * first; its link opens a trace that holds the slow query and its warning.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareJourneyIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private Browser browser;
    private SlowReplicaScenario.Sent sent;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "compare-journey", GRPC_PORT, HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        sent = new SlowReplicaScenario("http://localhost:" + GRPC_PORT).send(Instant.now());
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
    void latencySpike_compared_namesTheSlowReplicaFirst_andLeadsToATraceWithIt() {
        Page page = browser.newPage();
        page.navigate(baseUrl() + "/services/" + SlowReplicaScenario.ENTRY_SERVICE + "?from=now-1h&to=now");
        ServicePage service = new ServicePage(page);
        Instant spike = sent.incidentStart().plus(java.time.Duration.between(sent.incidentStart(), sent.incidentEnd())
                .dividedBy(2));

        TraceSearchPage slowest = service.clickLatencyAt(spike);
        assertThat(slowest.url()).contains("service=storefront").contains("sort=duration");
        ComparePage compare = ComparePage.fromTraceSearch(page, 500);
        compare.screenshot(SCREENSHOTS.resolve("compare.png"));

        assertThat(compare.url()).contains("service=storefront").contains("minDurationMs=500");
        assertThat(compare.summary()).startsWith("Selected: duration ≥ 500 ms");
        assertThat(compare.firstAttribute()).isEqualTo("db.instance = " + SlowReplicaScenario.SLOW_REPLICA);
        assertThat(compare.firstLogPattern()).isEqualTo("slow query on replica<num> took <num> ms (rows=<num>)");

        TraceSearchPage withReplica = compare.openTracesWith("db.instance", SlowReplicaScenario.SLOW_REPLICA);
        assertThat(withReplica.url()).contains("service=" + SlowReplicaScenario.DB_SERVICE);
        TracePage trace = withReplica.openFirst();
        assertThat(sent.slowTraceIds()).anyMatch(id -> trace.url().contains(id));
        trace.text(SlowReplicaScenario.DB_OPERATION).first().waitFor();
        trace.textContaining("slow query on replica-3 took").waitFor();

        page.locator("#compare-typical").click();
        page.waitForURL(url -> url.contains("/compare/traces/"));
        page.getByText("in 100.0 %").first().waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("compare-typical.png")).setFullPage(true));
        assertThat(page.locator("#typical-summary").textContent()).contains("typical: the ");
        assertThat(browser.dialogs()).isEmpty();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
