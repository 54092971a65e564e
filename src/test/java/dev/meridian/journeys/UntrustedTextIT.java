package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.meridian.testing.ShopScenario;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * Markup sent as a span name, an attribute value and a log body shows as text on every view, in
 * tables and chart tooltips alike, and no script from telemetry ever runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntrustedTextIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private Browser browser;
    private Page page;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "untrusted", GRPC_PORT, HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT).send(Instant.now());
        Files.createDirectories(SCREENSHOTS);
        browser = new Browser();
        page = browser.newPage();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void serviceView_showsMarkupOperationAsText() {
        open("/services/frontend?from=now-1h&to=now");
        page.locator("#latency meridian-echart canvas").waitFor();

        assertShownAsText("Operations grid");
    }

    @Test
    void traceSearch_showsMarkupInResultsAndInTheScatterTooltip() {
        open("/traces?service=frontend&operation=" + encode(ShopScenario.MARKUP) + "&from=now-1h&to=now");
        page.locator(".meridian-trace-id").first().waitFor();
        Locator chart = page.locator("meridian-echart").first();
        chart.evaluate("el => el.showTip(0, 0)");
        Locator tooltip = chart.locator("div", new Locator.LocatorOptions().setHasText(ShopScenario.MARKUP)).last();
        tooltip.waitFor();

        assertThat(tooltip.textContent()).contains(ShopScenario.MARKUP);
        assertShownAsText("trace search");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("untrusted-traces.png")));
    }

    @Test
    void traceView_showsMarkupSpanNameAndAttributeAsText() {
        open("/traces?service=frontend&operation=" + encode(ShopScenario.MARKUP) + "&from=now-1h&to=now");
        page.locator(".meridian-trace-id").first().click();
        page.waitForURL(url -> url.matches(".*/traces/[0-9a-f]{32}.*"));
        Vaadin.settle(page);
        page.getByText(ShopScenario.MARKUP, new Page.GetByTextOptions().setExact(true)).first().waitFor();

        assertShownAsText("trace view");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("untrusted-trace.png")).setFullPage(true));
    }

    @Test
    void logsView_showsMarkupBodyAsText() {
        LogsPage logs = LogsPage.open(page, baseUrl(), "from=now-1h&to=now&q=" + encode("<img"));
        logs.body(ShopScenario.MARKUP).waitFor();

        assertShownAsText("logs view");
    }

    private void open(String path) {
        page.navigate(baseUrl() + path);
        Vaadin.settle(page);
    }

    /** The markup is on the page as text, no element it describes exists, and no dialog opened. */
    private void assertShownAsText(String where) {
        assertThat(page.getByText(ShopScenario.MARKUP).count()).as("markup shown as text in " + where).isPositive();
        assertThat(page.locator("img[src='x']").count()).as("no injected <img> in " + where).isZero();
        assertThat(page.locator("script:text('alert')").count()).as("no injected <script> in " + where).isZero();
        assertThat(browser.dialogs()).as("dialogs opened in " + where).isEmpty();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
