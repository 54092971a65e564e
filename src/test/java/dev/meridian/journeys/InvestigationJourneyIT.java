package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.meridian.testing.ShopScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Journeys across views in Chromium, on data sent with the OpenTelemetry Java SDK to the running
 * app's real OTLP ports: the on-call path from a latency spike to the slow span and its log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvestigationJourneyIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private Browser browser;
    private ShopScenario.Sent sent;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "journey", GRPC_PORT, HTTP_PORT);
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

    @Test
    void latencySpike_leadsInThreeClicksToTheSlowSpanAndItsWarning() {
        Page page = browser.newPage();
        ServicesPage services = ServicesPage.open(page, baseUrl(), "from=now-1h&to=now").waitForService("checkout");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("services.png")).setFullPage(true));

        ServicePage checkout = services.openService("checkout");
        assertThat(checkout.title()).isEqualTo("checkout");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("service.png")).setFullPage(true));

        Instant spikeBucket = sent.slowStart().truncatedTo(ChronoUnit.MINUTES);
        TraceSearchPage traces = checkout.clickLatencyAt(spikeBucket.plusSeconds(20));
        assertThat(traces.url()).contains("service=checkout").contains("sort=duration");
        assertThat(traces.firstTraceIdPrefix()).isEqualTo(sent.slowTraceId().substring(0, 16));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("traces.png")).setFullPage(true));

        TracePage trace = traces.openFirst();
        assertThat(trace.url()).contains(sent.slowTraceId());
        trace.text("SELECT orders").waitFor();
        assertThat(trace.text("SELECT orders").isVisible()).isTrue();
        trace.textContaining(ShopScenario.SLOW_WARNING).waitFor();
        assertThat(trace.textContaining(ShopScenario.SLOW_WARNING).isVisible()).isTrue();
        trace.screenshot(SCREENSHOTS.resolve("trace.png"));

        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void brushedRanges_onALiveServiceChartAndOnTheScatter_narrowTheSearchEachTime() {
        Page page = browser.newPage();
        ServicePage checkout = ServicesPage.open(page, baseUrl(), "from=now-1h&to=now&refresh=5s")
                .waitForService("checkout").openService("checkout");
        // a live refresh merges new data into the charts (the window moves): the brush taken on the first data stays
        page.waitForTimeout(6_500);
        Instant spike = sent.slowStart().truncatedTo(ChronoUnit.MINUTES);

        TraceSearchPage traces = checkout.brushLatency(spike.minusSeconds(240), spike.plusSeconds(240));
        Instant[] window = traces.window();
        assertThat(traces.url()).contains("service=checkout");
        assertThat(window[0]).isBetween(spike.minusSeconds(300), spike.minusSeconds(180));
        assertThat(window[1]).isBetween(spike.plusSeconds(180), spike.plusSeconds(300));

        // each search replaces the scatter's option (a new chart model): the brush is taken again every time
        TraceSearchPage narrowed = traces.brushScatter(spike.minusSeconds(120), spike.plusSeconds(120));
        assertThat(narrowed.window()[0]).isBetween(spike.minusSeconds(150), spike.minusSeconds(90));
        assertThat(narrowed.window()[1]).isBetween(spike.plusSeconds(90), spike.plusSeconds(150));
        TraceSearchPage again = narrowed.brushScatter(spike.minusSeconds(30), spike.plusSeconds(30));
        assertThat(again.window()[0]).isBetween(spike.minusSeconds(40), spike.minusSeconds(20));
        assertThat(again.window()[1]).isBetween(spike.plusSeconds(20), spike.plusSeconds(40));

        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void customDashboard_builtInTheBrowser_drillsIntoTheSlowRequest() {
        Page page = browser.newPage();
        DashboardPage dashboard = DashboardPage.create(page, baseUrl(), "from=now-1h&to=now", "Checkout on-call")
                .addRedPanel("checkout")
                .save()
                .reload();
        dashboard.panelTitled("checkout").waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard.png")).setFullPage(true));

        TraceSearchPage traces = dashboard.clickFirstPanelAt(
                sent.slowStart().truncatedTo(ChronoUnit.MINUTES).plusSeconds(20));

        assertThat(traces.url()).contains("service=checkout").contains("sort=duration");
        assertThat(traces.firstTraceIdPrefix()).isEqualTo(sent.slowTraceId().substring(0, 16));
        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void warningLog_searchedInLogs_opensItsTrace() {
        Page page = browser.newPage();
        LogsPage logs = LogsPage.open(page, baseUrl(), "from=now-1h&to=now").search("slow query");
        logs.body(ShopScenario.SLOW_WARNING).waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("logs.png")).setFullPage(true));

        TracePage trace = logs.openFirstTrace();

        assertThat(trace.url()).contains(sent.slowTraceId());
        trace.text("SELECT orders").waitFor();
        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void servicesOverview_withAutoRefresh_showsANewServiceWithoutReload() {
        Page page = browser.newPage();
        ServicesPage services = ServicesPage.open(page, baseUrl(), "from=now-15m&to=now&refresh=5s")
                .waitForService("checkout");
        String documentId = (String) page.evaluate("() => (window.__meridianDocument = window.__meridianDocument || Math.random().toString())");

        new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT)
                .sendOneRequest("inventory", Instant.now().minusSeconds(5));

        services.waitForService("inventory");
        assertThat(page.evaluate("() => window.__meridianDocument")).as("same document: pushed, not reloaded")
                .isEqualTo(documentId);
    }

    @Test
    void errorRateRule_writtenInTheBrowser_firesAndItsEvidenceOpensAFailedTrace() throws Exception {
        Page page = browser.newPage();
        String picked = AlertsPage.open(page, baseUrl()).pickRedQueryOf("payments");
        assertThat(picked).contains("\"service\" : \"payments\"").contains("\"figure\" : \"p95\"");

        AlertsPage alerts = AlertsPage.open(page, baseUrl()).create("""
                {"name": "payments errors", "query": {"type": "red", "service": "payments", "figure": "error_rate"},
                 "condition": {"type": "threshold", "op": "above", "value": 0.01}, "window": "30m"}""");

        java.net.http.HttpResponse<String> evaluated = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/alerts/evaluate"))
                        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(evaluated.statusCode()).isEqualTo(200);
        alerts.reload().state("firing").waitFor();
        alerts.screenshot(SCREENSHOTS.resolve("alert.png"));

        // the service's charts shade the time the rule has been firing
        ServicePage payments = ServicesPage.open(page, baseUrl(), "from=now-1h&to=now").waitForService("payments")
                .openService("payments");
        assertThat(payments.title()).isEqualTo("payments");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("service-firing.png")).setFullPage(true));
        page.goBack();
        page.goBack();
        Vaadin.settle(page);

        TracePage trace = alerts.openFirstEvidenceTrace("GET /checkout");
        trace.text("POST /charge").waitFor();
        trace.textContaining("charge failed: card declined by issuer").waitFor();

        AlertsPage.open(page, baseUrl()).state("firing").waitFor();
        page.locator("meridian-echart").first().waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("alerts.png")).setFullPage(true));
        assertThat(browser.dialogs()).isEmpty();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
