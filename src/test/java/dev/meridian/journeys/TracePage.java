package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** {@code /traces/{traceId}}: the waterfall, span details and the trace's logs. */
final class TracePage {

    private final Page page;

    TracePage(Page page) {
        this.page = page;
        page.locator("vaadin-grid, .meridian-waterfall").first().waitFor();
    }

    String url() {
        return page.url();
    }

    /** The visible element that shows this exact text, e.g. a span name in the waterfall. */
    Locator text(String text) {
        return page.getByText(text, new Page.GetByTextOptions().setExact(true)).first();
    }

    Locator textContaining(String text) {
        return page.getByText(text).first();
    }

    void screenshot(java.nio.file.Path path) {
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    }
}
