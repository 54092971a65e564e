package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;

/** {@code /compare}: what separates the selected traces from the others, each finding linking to its traces. */
final class ComparePage {

    private final Page page;

    ComparePage(Page page) {
        this.page = page;
        page.locator("#compare-attributes .compare-pair").first().waitFor();
        Vaadin.settle(page);
    }

    /** From the trace search: narrows to traces of at least {@code ms} milliseconds, then opens Compare. */
    static ComparePage fromTraceSearch(Page page, int ms) {
        page.getByLabel("Min duration (ms)").fill(Integer.toString(ms));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Find traces")).click();
        page.waitForURL(url -> url.contains("minDurationMs=" + ms));
        Vaadin.settle(page);
        page.locator("#compare-traces").click();
        page.waitForURL(url -> url.contains("/compare?"));
        return new ComparePage(page);
    }

    String url() {
        return page.url();
    }

    String summary() {
        return page.locator("#compare-summary").textContent();
    }

    /** The attribute value listed first ("key = value"). */
    String firstAttribute() {
        return topmost(page.locator("#compare-attributes .compare-pair")).textContent().trim();
    }

    /** The log pattern listed first. */
    String firstLogPattern() {
        return topmost(page.locator("#compare-logs .compare-pattern")).textContent().trim();
    }

    /** Opens the traces behind an attribute finding (its "Traces" link). */
    TraceSearchPage openTracesWith(String key, String value) {
        page.locator("#compare-attributes a[href*='attr=" + key + "%3D" + value + "']").click();
        page.waitForURL(url -> url.contains("/traces?") && url.contains("attr="));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }

    void screenshot(Path path) {
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
    }

    /** Grid cells are not in row order in the DOM: the first row is the topmost on screen. */
    private static Locator topmost(Locator cells) {
        Locator best = null;
        double bestY = Double.MAX_VALUE;
        for (int i = 0; i < cells.count(); i++) {
            BoundingBox box = cells.nth(i).boundingBox();
            if (box != null && box.y < bestY) {
                bestY = box.y;
                best = cells.nth(i);
            }
        }
        if (best == null) {
            throw new AssertionError("no finding listed");
        }
        return best;
    }
}
