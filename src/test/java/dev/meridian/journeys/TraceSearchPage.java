package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;

/** {@code /traces}: search results, slowest first after a drill-down. */
final class TraceSearchPage {

    private final Page page;

    TraceSearchPage(Page page) {
        this.page = page;
        page.locator(".meridian-trace-id").first().waitFor();
    }

    String url() {
        return page.url();
    }

    /** The trace id (first 16 hex digits) of the topmost result row. */
    String firstTraceIdPrefix() {
        return topmost().textContent().trim();
    }

    TracePage openFirst() {
        topmost().click();
        page.waitForURL(url -> url.matches(".*/traces/[0-9a-f]{32}.*"));
        Vaadin.settle(page);
        return new TracePage(page);
    }

    /** The trace ids (first 16 hex digits) of every result row. */
    java.util.List<String> traceIdPrefixes() {
        return page.locator(".meridian-trace-id").allTextContents().stream().map(String::trim).toList();
    }

    private Locator topmost() {
        Locator ids = page.locator(".meridian-trace-id");
        Locator best = null;
        double bestY = Double.MAX_VALUE;
        for (int i = 0; i < ids.count(); i++) {
            BoundingBox box = ids.nth(i).boundingBox();
            if (box != null && box.y < bestY) {
                bestY = box.y;
                best = ids.nth(i);
            }
        }
        if (best == null) {
            throw new AssertionError("no trace in the results");
        }
        return best;
    }
}
